/**
 * App-surface codes of the error catalog other than the login codes (catalog-login.ts).
 * Data only. Merged in catalog.ts; import CATALOG from there, not this file.
 *
 * Messages are short and safe to show: none of them says whether an account exists.
 */
import { t, type CatalogEntry } from './catalog-types.js';

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
        a: t('No. This is a fault on our side and says nothing about the security of your account.', '不会。这是系统侧的故障，与您的账户安全无关。'),
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
    solution: t('Wait until the announced end time, then try again.', '请等待公告中的维护结束时间后再重试。'),
    steps: [
      t('Check the maintenance announcement for the expected end time.', '查看维护公告，了解预计结束时间。'),
      t('Wait until that time; when an end time has been announced, the message shows it too.', '等待至该时间；如已公布结束时间，错误提示中也会显示。'),
      t(
        'Try again after the announced end time. If maintenance is still on, wait a few more minutes.',
        '在公布的结束时间之后重试；如仍在维护，请再等待几分钟。',
      ),
      t("Don't reinstall the app or reset your password: neither is needed.", '无需重新安装应用或重置密码。'),
    ],
    faq: [
      {
        q: t('Are my funds safe during maintenance?', '维护期间我的资产安全吗？'),
        a: t('Yes. Maintenance only pauses access; your balances and settings stay as they were.', '安全。维护只是暂停访问，您的余额和设置都会保持原样。'),
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
        a: t('No. The signed API answers code 1100 as well until maintenance ends.', '不可以。维护结束前，API 同样会返回错误码 1100。'),
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
      t('Check the formats, for example a valid email address and a 6-digit code.', '检查格式，例如邮箱地址是否有效、验证码是否为 6 位数字。'),
      t('Submit again. If it keeps failing, update the app to the latest version.', '重新提交。如果仍然失败，请将应用更新到最新版本。'),
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
        a: t('An outdated app may send data in an old format. Update the app and try again.', '旧版本应用可能会以旧格式发送数据，请更新应用后重试。'),
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
      t("If you didn't log out yourself, review your devices and login history after logging in.", '如果您并未主动退出，请在登录后检查设备列表和登录历史。'),
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
        q: t('My other devices were logged out after I changed my password.', '修改密码后，其他设备被退出登录了。'),
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
    solution: t('Use an account that has the permission, or ask an administrator.', '请使用具有相应权限的账户，或联系管理员。'),
    steps: [
      t('Check that you are logged in with the right account.', '确认登录的是正确的账户。'),
      t('Staff members: check that your role (support or admin) covers this action.', '如果您是工作人员，请确认您的角色（客服或管理员）包含此操作。'),
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
      csrf_token_invalid: t('This page is out of date. Reload it and try again.', '页面已过期，请刷新后重试。'),
      second_admin_required: t('This change needs a second administrator: another admin must approve it.', '此项变更需要另一位管理员批准。'),
      staff_totp_only: t(
        'Staff accounts use an authenticator app as their second factor; email and SMS codes cannot be turned on.',
        '工作人员账户只能使用身份验证器作为双重验证，无法开启邮箱或短信验证码。',
      ),
      staff_totp_required: t(
        'Staff accounts must have an authenticator app. Ask an administrator to set one up.',
        '工作人员账户必须启用身份验证器应用，请联系管理员设置。',
      ),
      two_factor_required: t(
        'Turn on an authenticator app (TOTP) in the security center before creating API keys.',
        '创建 API 密钥前，请先在安全中心启用身份验证器应用（TOTP）。',
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
    meaning: t("The item doesn't exist, was removed, or isn't visible to you.", '该内容不存在、已被删除，或您无权查看。'),
    solution: t('Check the link or ID, or open the item again from its list.', '请检查链接或编号，或从列表页面重新进入。'),
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
      t('Use the most recent email: older codes or links may no longer work.', '请使用最新的一封邮件，之前的验证码或链接可能已失效。'),
      t('Enter the 6-digit code within 10 minutes, without spaces.', '请在 10 分钟内输入 6 位验证码，不要包含空格。'),
      t("If it expired or you've used up the tries, request a new code or link.", '如果已过期或尝试次数已用完，请重新获取验证码或链接。'),
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
} satisfies Record<string, CatalogEntry>;
