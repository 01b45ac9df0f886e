/**
 * Account and security-center codes of the error catalog: holds, re-authentication, balances, password policy, verification, payload size.
 * Data only. Merged in catalog.ts; import CATALOG from there, not this file.
 *
 * Messages are short and safe to show: none of them says whether an account exists.
 */
import { t, type CatalogEntry } from './catalog-types.js';

export const ACCOUNT_CATALOG = {
  SECURITY_HOLD: {
    code: 4015,
    name: 'SECURITY_HOLD',
    httpStatus: 403,
    surface: 'app',
    msg: t('Withdrawals are temporarily paused after a recent security change.', '因近期的安全设置变更，提现暂时不可用。'),
    title: t('Security hold', '安全保护期'),
    meaning: t(
      'After a security change, such as a password change or reset or a 2FA reset, withdrawals and other sensitive functions are paused for 24 hours. This keeps your assets safe if someone else made the change.',
      '在修改或重置密码、重置双重验证等安全设置变更后，提现等敏感功能将暂停 24 小时，以防他人更改设置后转走您的资产。',
    ),
    solution: t(
      "Wait until the hold ends (the time is shown), then try again. If you didn't make the change, contact support at once.",
      '请等待保护期结束（界面会显示结束时间）后重试。如果变更并非本人操作，请立即联系客服。',
    ),
    steps: [
      t('Check when the hold ends; the app shows the time.', '在应用中查看保护期的结束时间。'),
      t('Wait until then and try the withdrawal again.', '到达该时间后重新提现。'),
      t(
        "If you didn't change your password or 2FA, disable your account right away and submit a ticket with category 'compromised'.",
        '如果您没有修改过密码或双重验证，请立即禁用账户，并提交类型为“账户被盗”的工单。',
      ),
    ],
    faq: [
      {
        q: t('Can support lift the hold early?', '客服可以提前解除保护期吗？'),
        a: t(
          'No. The hold protects you in case someone else made the change, so it always runs its full time.',
          '不可以。保护期是为了防止变更并非本人操作，因此需要完整执行。',
        ),
      },
      {
        q: t('What starts a hold?', '哪些操作会触发保护期？'),
        a: t(
          'Changing or resetting your password, and a 2FA reset. You get an email each time.',
          '修改或重置密码，以及重置双重验证。每次触发都会发送邮件通知您。',
        ),
      },
    ],
    reasons: {},
  },

  REAUTH_REQUIRED: {
    code: 4016,
    name: 'REAUTH_REQUIRED',
    httpStatus: 401,
    surface: 'app',
    msg: t('Please confirm with your password or verification code.', '请输入密码或验证码以确认身份。'),
    title: t('Confirm your identity', '需要验证身份'),
    meaning: t(
      'This is a sensitive action, so it needs your current password and/or a 2FA code with the request, even though you are logged in.',
      '这是一项敏感操作，即使您已登录，也需要同时提供当前密码和/或双重验证码。',
    ),
    solution: t('Enter the requested password or code and submit again.', '请按提示输入密码或验证码后重新提交。'),
    steps: [
      t('Enter your current login password when asked.', '按提示输入当前登录密码。'),
      t('Enter a fresh code from your authenticator (or another 2FA method) when asked.', '按提示输入身份验证器（或其他验证方式）中的最新验证码。'),
      t('Submit again before the code changes.', '在验证码刷新前重新提交。'),
    ],
    faq: [
      {
        q: t('Why do I have to enter my password again?', '为什么需要再次输入密码？'),
        a: t(
          "So that someone who picks up your unlocked phone can't withdraw or change your security settings.",
          '这样即使他人拿到您已解锁的手机，也无法提现或修改安全设置。',
        ),
      },
      {
        q: t('Which actions ask for it?', '哪些操作需要验证？'),
        a: t('Withdrawals, creating API keys, changing your password and changing 2FA settings.', '提现、创建 API 密钥、修改密码以及修改双重验证设置。'),
      },
    ],
    reasons: {},
  },

  INSUFFICIENT_BALANCE: {
    code: 4017,
    name: 'INSUFFICIENT_BALANCE',
    httpStatus: 400,
    surface: 'app',
    msg: t('Insufficient balance.', '余额不足。'),
    title: t('Insufficient balance', '余额不足'),
    meaning: t(
      "Your available balance of this asset is lower than the amount requested. Funds locked in open orders don't count.",
      '您该资产的可用余额低于申请金额，挂单中冻结的资金不计入可用余额。',
    ),
    solution: t('Lower the amount or add funds, then try again.', '请减少金额或充值后重试。'),
    steps: [
      t('Check the available balance of the asset in your wallet.', '在钱包中查看该资产的可用余额。'),
      t('Cancel open orders if you need the funds they lock.', '如需使用挂单冻结的资金，请先撤销挂单。'),
      t('Enter an amount no higher than the available balance.', '输入不超过可用余额的金额。'),
    ],
    faq: [
      {
        q: t('My total balance is enough. Why does it fail?', '我的总余额足够，为什么还是失败？'),
        a: t('Part of it may be locked in open orders. Only the available balance can be used.', '部分资金可能被挂单冻结，只有可用余额可以使用。'),
      },
      {
        q: t("My deposit hasn't arrived yet.", '充值还没有到账。'),
        a: t(
          'Funds become available once they are credited. Wait until the wallet shows them, then try again.',
          '资金入账后才可使用，请等待钱包中显示到账后再试。',
        ),
      },
    ],
    reasons: {},
  },

  WEAK_PASSWORD: {
    code: 4018,
    name: 'WEAK_PASSWORD',
    httpStatus: 400,
    surface: 'app',
    msg: t("This password can't be used. Please choose another.", '该密码不可用，请更换其他密码。'),
    title: t('Password not accepted', '密码不符合要求'),
    meaning: t(
      'The password does not meet the policy: 8 to 128 characters, not a commonly used password, and different from your current one. There are no rules about symbols or capital letters.',
      '密码不符合要求：长度需为 8-128 个字符，不能是常见密码，且不能与当前密码相同。对符号和大小写没有要求。',
    ),
    solution: t(
      'Choose a longer, unique password, such as a phrase of several words, and keep it in a password manager.',
      '请设置更长且独特的密码，例如由多个单词组成的短语，并使用密码管理器保存。',
    ),
    steps: [
      t('Use at least 8 characters; longer is stronger.', '至少使用 8 个字符，越长越安全。'),
      t('Avoid common passwords, keyboard patterns and passwords you use on other sites.', '避免使用常见密码、键盘连续字符或在其他网站用过的密码。'),
      t('Pick a password different from your current one.', '设置与当前密码不同的新密码。'),
      t('Save it in a password manager so you do not have to remember it.', '使用密码管理器保存密码，无需死记硬背。'),
    ],
    faq: [
      {
        q: t('Do I need symbols or capital letters?', '密码需要包含符号或大写字母吗？'),
        a: t(
          'No. Length and uniqueness matter more; a long phrase is both strong and easy to remember.',
          '不需要。长度和独特性更重要，一个较长的短语既安全又好记。',
        ),
      },
      {
        q: t('Why is my password called common?', '为什么提示我的密码过于常见？'),
        a: t(
          'It is on a list of frequently used or leaked passwords that attackers try first.',
          '该密码出现在常用或已泄露的密码列表中，攻击者通常会优先尝试这些密码。',
        ),
      },
    ],
    reasons: {
      too_short: t('Password must be at least 8 characters.', '密码至少需要 8 个字符。'),
      too_long: t('Password must be at most 128 characters.', '密码不能超过 128 个字符。'),
      common: t('This password is too common. Choose one that is harder to guess.', '该密码过于常见，请使用不易被猜到的密码。'),
      same_as_old: t('The new password must differ from the current one.', '新密码不能与当前密码相同。'),
    },
  },

  PAYLOAD_TOO_LARGE: {
    code: 4020,
    name: 'PAYLOAD_TOO_LARGE',
    httpStatus: 413,
    surface: 'app',
    msg: t('The upload is too large.', '上传内容过大。'),
    title: t('Upload too large', '上传内容过大'),
    meaning: t(
      'The request or an attachment is over its size limit. Ticket attachments are limited to 3 images of at most 5 MB each.',
      '请求或附件超过了大小限制。工单附件最多 3 张图片，每张不超过 5 MB。',
    ),
    solution: t('Compress or resize the images, or send fewer at a time.', '请压缩图片或调整尺寸，或减少单次上传的数量。'),
    steps: [
      t('Keep each image under 5 MB; a screenshot usually is.', '每张图片不超过 5 MB，截图通常符合要求。'),
      t('Attach at most 3 images per message.', '每条消息最多附带 3 张图片。'),
      t('Send further images in a follow-up message on the ticket.', '更多图片可以在工单的后续消息中补充发送。'),
    ],
    faq: [
      {
        q: t('How do I make a photo smaller?', '如何缩小照片？'),
        a: t(
          "Take a screenshot of it, or pick a lower resolution in your phone's camera or sharing settings.",
          '可以对照片截图，或在手机相机或分享设置中选择较低的分辨率。',
        ),
      },
      {
        q: t('What can I attach?', '可以上传哪些文件？'),
        a: t('Images, such as JPEG and PNG files.', '图片文件，例如 JPEG 和 PNG 格式。'),
      },
    ],
    reasons: {},
  },
  EMAIL_NOT_VERIFIED: {
    code: 4019,
    name: 'EMAIL_NOT_VERIFIED',
    httpStatus: 403,
    surface: 'app',
    msg: t('Please verify your email address first.', '请先完成邮箱验证。'),
    title: t('Email not verified', '邮箱未验证'),
    meaning: t(
      "This is the password of a registration that hasn't been confirmed yet: the 6-digit code from the verification email hasn't been entered, so nobody can sign in with it.",
      '这是一个尚未确认的注册所设置的密码：验证邮件中的 6 位验证码还未输入，因此无法用它登录。',
    ),
    solution: t(
      'Enter the 6-digit code from the verification email within 10 minutes; if it has expired, register again to get a new one.',
      '请在 10 分钟内输入验证邮件中的 6 位验证码；如已过期，请重新注册以获取新的验证码。',
    ),
    steps: [
      t('Find the verification email we sent you, checking the spam folder too.', '查找我们发送给您的验证邮件，包括垃圾邮件文件夹。'),
      t('Enter the 6-digit code within 10 minutes.', '在 10 分钟内输入 6 位验证码。'),
      t('If the code has expired, request a new one and use the latest email.', '如果验证码已过期，请重新获取并使用最新一封邮件。'),
      t('Log in again once the email is verified.', '验证完成后重新登录。'),
    ],
    faq: [
      {
        q: t("I didn't get the email.", '没有收到验证邮件。'),
        a: t(
          'Check the spam and promotions folders and wait a few minutes. Also make sure you typed the address correctly when signing up.',
          '请检查垃圾邮件和广告邮件文件夹，并等待几分钟。同时确认注册时填写的邮箱地址无误。',
        ),
      },
      {
        q: t('I signed up with the wrong email.', '注册时填错了邮箱怎么办？'),
        a: t('Sign up again with the right address; an unverified account cannot be used.', '请使用正确的邮箱重新注册，未验证的账户无法使用。'),
      },
    ],
    reasons: {},
  },
} satisfies Record<string, CatalogEntry>;
