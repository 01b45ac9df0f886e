/**
 * App-surface codes of the error catalog (CONTRACT §1) other than the login codes (catalog-login.ts).
 * Data only. Merged in catalog.ts; import CATALOG from there, not this file.
 *
 * Messages are short and safe to show: none of them says whether an account exists.
 */
import type { CatalogEntry, Localized } from './catalog-types.js';

const t = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export const APP_CATALOG = {
  INTERNAL_ERROR: {
    code: 1000,
    name: 'INTERNAL_ERROR',
    httpStatus: 500,
    surface: 'app',
    msg: t('Something went wrong on our side. Nothing was changed; please try again.', '系统繁忙，本次操作未生效，请稍后重试。'),
    title: t('Internal error', '系统内部错误'),
    meaning: t(
      'An unexpected fault occurred on the server. The request was not carried out, so nothing in your account changed.',
      '服务器发生了意外故障，本次请求未被执行，您的账户没有任何变化。',
    ),
    solution: t(
      'Wait a moment and try again. If it keeps happening, contact support with the request ID.',
      '请稍等片刻后重试。如果问题持续出现，请携带请求 ID 联系客服。',
    ),
    steps: [
      t('Wait a few seconds and retry the same action.', '等待几秒后重新尝试同一操作。'),
      t('Check the announcements for an ongoing incident.', '查看系统公告，确认是否有正在处理的故障。'),
      t('If it fails again, note the request ID shown with the error.', '如果仍然失败，请记下错误提示中的请求 ID。'),
      t('Submit a support ticket with the request ID and the time it happened.', '提交工单，并附上请求 ID 和发生时间。'),
    ],
    faq: [
      {
        q: t('Did my action go through?', '我的操作是否已经生效？'),
        a: t(
          'No. This error means the request was not carried out. Refresh the page to confirm before you retry.',
          '没有。出现此错误表示请求未被执行，重试前可以刷新页面确认。',
        ),
      },
      {
        q: t('Is my account at risk?', '我的账户是否有风险？'),
        a: t(
          'No. This is a fault on our side and says nothing about the security of your account.',
          '不会。这是系统侧的故障，与您的账户安全无关。',
        ),
      },
    ],
    reasons: {},
  },

  SYSTEM_MAINTENANCE: {
    code: 1100,
    name: 'SYSTEM_MAINTENANCE',
    httpStatus: 503,
    surface: 'app',
    msg: t('The system is under maintenance. Please try again later.', '系统维护中，请稍后再试。'),
    title: t('System maintenance', '系统维护中'),
    meaning: t(
      'Scheduled or emergency maintenance is in progress. Login and other functions are paused until it ends; your assets and account are not affected.',
      '系统正在进行计划内或紧急维护，维护结束前登录等功能暂停使用，您的资产和账户不受影响。',
    ),
    solution: t(
      'Wait until the announced end time, then try again.',
      '请等待公告中的维护结束时间后再重试。',
    ),
    steps: [
      t('Check the maintenance announcement for the expected end time.', '查看维护公告，了解预计结束时间。'),
      t(
        'Wait until that time; when an end time has been announced, the message shows it too.',
        '等待至该时间；如已公布结束时间，错误提示中也会显示。',
      ),
      t(
        'Try again after the announced end time. If maintenance is still on, wait a few more minutes.',
        '在公布的结束时间之后重试；如仍在维护，请再等待几分钟。',
      ),
      t(
        "Don't reinstall the app or reset your password: neither is needed.",
        '无需重新安装应用或重置密码。',
      ),
    ],
    faq: [
      {
        q: t('Are my funds safe during maintenance?', '维护期间我的资产安全吗？'),
        a: t(
          'Yes. Maintenance only pauses access; your balances and settings stay as they were.',
          '安全。维护只是暂停访问，您的余额和设置都会保持原样。',
        ),
      },
      {
        q: t('Why is maintenance taking longer than announced?', '维护时间为什么比公告的更长？'),
        a: t(
          'Occasionally it runs over. The announcement is updated with a new end time; try again after it.',
          '偶尔会出现延长的情况，公告会更新新的结束时间，请在新时间之后重试。',
        ),
      },
      {
        q: t('Can I use the API during maintenance?', '维护期间可以使用 API 吗？'),
        a: t(
          'No. The signed API answers code 1100 as well until maintenance ends.',
          '不可以。维护结束前，API 同样会返回错误码 1100。',
        ),
      },
    ],
    reasons: {},
  },

  VALIDATION_FAILED: {
    code: 4010,
    name: 'VALIDATION_FAILED',
    httpStatus: 400,
    surface: 'app',
    msg: t('Some information is missing or invalid.', '部分信息缺失或格式不正确。'),
    title: t('Invalid input', '输入有误'),
    meaning: t(
      'The request was missing a required field or had a value in the wrong format, so nothing was done.',
      '请求缺少必填项，或部分内容格式不正确，本次操作未执行。',
    ),
    solution: t('Correct the highlighted fields and submit again.', '请修改标出的字段后重新提交。'),
    steps: [
      t('Check the fields marked as invalid.', '检查被标记为有误的字段。'),
      t('Fill in every required field and remove spaces at the start or end.', '填写所有必填项，并删除前后多余的空格。'),
      t(
        'Check the formats, for example a valid email address and a 6-digit code.',
        '检查格式，例如邮箱地址是否有效、验证码是否为 6 位数字。',
      ),
      t(
        'Submit again. If it keeps failing, update the app to the latest version.',
        '重新提交。如果仍然失败，请将应用更新到最新版本。',
      ),
    ],
    faq: [
      {
        q: t('Which field is wrong?', '是哪个字段有误？'),
        a: t(
          'The app highlights each field with a problem; API clients find them in details.fields.',
          '应用会标出每个有问题的字段；API 调用方可在 details.fields 中查看。',
        ),
      },
      {
        q: t('I filled everything in correctly.', '我已经正确填写了所有内容。'),
        a: t(
          'An outdated app may send data in an old format. Update the app and try again.',
          '旧版本应用可能会以旧格式发送数据，请更新应用后重试。',
        ),
      },
    ],
    reasons: {},
  },

  UNAUTHENTICATED: {
    code: 4011,
    name: 'UNAUTHENTICATED',
    httpStatus: 401,
    surface: 'app',
    msg: t('Your session has expired. Please log in again.', '登录已失效，请重新登录。'),
    title: t('Not logged in', '未登录或登录已失效'),
    meaning: t(
      'Your session is missing, invalid or expired. By default a session ends after 30 minutes without activity or 24 hours in total, and when you log out, change your password or remove the device.',
      '您的登录会话不存在、无效或已过期。默认情况下，会话在 30 分钟无操作或登录满 24 小时后失效，退出登录、修改密码或移除设备也会使会话失效。',
    ),
    solution: t('Log in again.', '请重新登录。'),
    steps: [
      t('Log in again with your email and password.', '使用邮箱和密码重新登录。'),
      t(
        "If you're logged out again and again, check that your device's date and time are right and that cookies are allowed.",
        '如果频繁被退出登录，请检查设备的日期和时间是否正确，以及是否允许 Cookie。',
      ),
      t(
        "If you didn't log out yourself, review your devices and login history after logging in.",
        '如果您并未主动退出，请在登录后检查设备列表和登录历史。',
      ),
    ],
    faq: [
      {
        q: t('Why was I logged out?', '为什么我被退出登录了？'),
        a: t(
          'Sessions end after a period without activity or after their maximum lifetime. All sessions also end when the password is changed or the account is frozen.',
          '会话会在长时间无操作或达到最长有效期后失效；修改密码或账户被冻结时，所有会话也会结束。',
        ),
      },
      {
        q: t(
          'My other devices were logged out after I changed my password.',
          '修改密码后，其他设备被退出登录了。',
        ),
        a: t(
          'That is intended: a password change ends your other sessions, so anyone who knew the old password loses access.',
          '这是正常的：修改密码会结束其他会话，使知道旧密码的人无法继续访问。',
        ),
      },
    ],
    reasons: {},
  },

  FORBIDDEN: {
    code: 4012,
    name: 'FORBIDDEN',
    httpStatus: 403,
    surface: 'app',
    msg: t("You don't have permission to do this.", '您没有执行此操作的权限。'),
    title: t('Permission denied', '无权限'),
    meaning: t(
      "You're logged in, but your account doesn't have the role or permission this action needs.",
      '您已登录，但账户不具备执行此操作所需的角色或权限。',
    ),
    solution: t(
      'Use an account that has the permission, or ask an administrator.',
      '请使用具有相应权限的账户，或联系管理员。',
    ),
    steps: [
      t('Check that you are logged in with the right account.', '确认登录的是正确的账户。'),
      t(
        'Staff members: check that your role (support or admin) covers this action.',
        '如果您是工作人员，请确认您的角色（客服或管理员）包含此操作。',
      ),
      t('If you need the permission, ask an administrator to grant it.', '如需此权限，请联系管理员授予。'),
    ],
    faq: [
      {
        q: t('I could do this before.', '我之前可以执行这个操作。'),
        a: t(
          'Your role may have changed. Log out and in again; if it persists, ask an administrator.',
          '您的角色可能已变更。请退出后重新登录；如仍有问题，请联系管理员。',
        ),
      },
      {
        q: t('Does this mean my account is restricted?', '这是否表示我的账户受到了限制？'),
        a: t(
          "No. It only means this action needs a permission your account doesn't have. Region restrictions and freezes have their own codes (4001, 4002).",
          '不是。这仅表示该操作需要您的账户所不具备的权限。地区限制和账户冻结有各自的错误码（4001、4002）。',
        ),
      },
    ],
    reasons: {
      csrf_token_invalid: t(
        'This page is out of date. Reload it and try again.',
        '页面已过期，请刷新后重试。',
      ),
      staff_totp_required: t(
        'Staff accounts must have an authenticator app. Ask an administrator to set one up.',
        '工作人员账户必须启用身份验证器应用，请联系管理员设置。',
      ),
    },
  },

  NOT_FOUND: {
    code: 4013,
    name: 'NOT_FOUND',
    httpStatus: 404,
    surface: 'app',
    msg: t('The requested item was not found.', '未找到请求的内容。'),
    title: t('Not found', '未找到'),
    meaning: t(
      "The item doesn't exist, was removed, or isn't visible to you.",
      '该内容不存在、已被删除，或您无权查看。',
    ),
    solution: t(
      'Check the link or ID, or open the item again from its list.',
      '请检查链接或编号，或从列表页面重新进入。',
    ),
    steps: [
      t('Check the link or ID for typos.', '检查链接或编号是否有误。'),
      t('Refresh the list: the item may have been removed.', '刷新列表，该内容可能已被删除。'),
      t('Make sure you are logged in with the account it belongs to.', '确认登录的是该内容所属的账户。'),
    ],
    faq: [
      {
        q: t('My ticket link says not found.', '打开工单链接提示未找到。'),
        a: t(
          'Open the ticket from the link in its confirmation email, or log in and find it under your tickets.',
          '请通过确认邮件中的链接打开工单，或登录后在“我的工单”中查看。',
        ),
      },
      {
        q: t("Why doesn't it say 'permission denied'?", '为什么不提示“无权限”？'),
        a: t(
          "For privacy, something that belongs to someone else looks the same as something that doesn't exist.",
          '出于隐私保护，属于他人的内容与不存在的内容显示相同的提示。',
        ),
      },
    ],
    reasons: {},
  },

  INVALID_OR_EXPIRED_CODE: {
    code: 4014,
    name: 'INVALID_OR_EXPIRED_CODE',
    httpStatus: 400,
    surface: 'app',
    msg: t('The code or link is invalid or has expired.', '验证码或链接无效或已过期。'),
    title: t('Invalid or expired code', '验证码或链接无效'),
    meaning: t(
      'The verification code, password reset link or ticket link is wrong, was already used, or has expired. Verification codes last 10 minutes and reset links 30 minutes, and each works only once.',
      '验证码、重置密码链接或工单链接有误、已被使用或已过期。验证码有效期为 10 分钟，重置密码链接为 30 分钟，且均只能使用一次。',
    ),
    solution: t('Request a new code or link and use the latest one.', '请重新获取验证码或链接，并使用最新的一个。'),
    steps: [
      t(
        'Use the most recent email: older codes or links may no longer work.',
        '请使用最新的一封邮件，之前的验证码或链接可能已失效。',
      ),
      t('Enter the 6-digit code within 10 minutes, without spaces.', '请在 10 分钟内输入 6 位验证码，不要包含空格。'),
      t(
        "If it expired or you've used up the tries, request a new code or link.",
        '如果已过期或尝试次数已用完，请重新获取验证码或链接。',
      ),
      t('Not receiving emails? Check your spam folder.', '收不到邮件？请检查垃圾邮件文件夹。'),
    ],
    faq: [
      {
        q: t('How many tries do I get?', '可以尝试几次？'),
        a: t('Each code allows 5 tries. After that, request a new one.', '每个验证码最多可尝试 5 次，之后需要重新获取。'),
      },
      {
        q: t('The link says it has expired, but I just got it.', '刚收到的链接就提示已过期。'),
        a: t(
          'It may already have been used, for example in another browser. Request a new link and open only the latest email.',
          '该链接可能已被使用过，例如在其他浏览器中打开过。请重新获取链接，并只打开最新一封邮件。',
        ),
      },
    ],
    reasons: {},
  },

  SECURITY_HOLD: {
    code: 4015,
    name: 'SECURITY_HOLD',
    httpStatus: 403,
    surface: 'app',
    msg: t(
      'Withdrawals are temporarily paused after a recent security change.',
      '因近期的安全设置变更，提现暂时不可用。',
    ),
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
    msg: t(
      'Please confirm with your password or verification code.',
      '请输入密码或验证码以确认身份。',
    ),
    title: t('Confirm your identity', '需要验证身份'),
    meaning: t(
      'This is a sensitive action, so it needs your current password and/or a 2FA code with the request, even though you are logged in.',
      '这是一项敏感操作，即使您已登录，也需要同时提供当前密码和/或双重验证码。',
    ),
    solution: t('Enter the requested password or code and submit again.', '请按提示输入密码或验证码后重新提交。'),
    steps: [
      t('Enter your current login password when asked.', '按提示输入当前登录密码。'),
      t(
        'Enter a fresh code from your authenticator (or another 2FA method) when asked.',
        '按提示输入身份验证器（或其他验证方式）中的最新验证码。',
      ),
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
        a: t(
          'Withdrawals, creating API keys, changing your password and changing 2FA settings.',
          '提现、创建 API 密钥、修改密码以及修改双重验证设置。',
        ),
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
        a: t(
          'Part of it may be locked in open orders. Only the available balance can be used.',
          '部分资金可能被挂单冻结，只有可用余额可以使用。',
        ),
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
      t(
        'Avoid common passwords, keyboard patterns and passwords you use on other sites.',
        '避免使用常见密码、键盘连续字符或在其他网站用过的密码。',
      ),
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
    solution: t(
      'Compress or resize the images, or send fewer at a time.',
      '请压缩图片或调整尺寸，或减少单次上传的数量。',
    ),
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
} satisfies Record<string, CatalogEntry>;
