/**
 * App-surface half of the error catalog (CONTRACT §1, "App codes"): the login system's own codes.
 * Data only. Merged with the signed-API half in catalog.ts; import CATALOG from there, not this file.
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

  TOO_MANY_REQUESTS: {
    code: 1003,
    name: 'TOO_MANY_REQUESTS',
    httpStatus: 429,
    surface: 'app',
    msg: t('Too many attempts. Please try again later.', '操作过于频繁，请稍后再试。'),
    title: t('Too many requests', '请求过于频繁'),
    meaning: t(
      'There were too many attempts from your network (or for this email) in a short time, so they are paused for a while. This protects accounts from password-guessing attacks.',
      '您的网络（或该邮箱）在短时间内尝试次数过多，相关操作已被暂时限制。这是为了防止账户遭到密码暴力破解。',
    ),
    solution: t(
      "Wait 5-10 minutes, or switch to another network such as mobile data, then try once. Don't keep tapping the button: every attempt during the block extends it.",
      '请等待 5-10 分钟，或切换到其他网络（例如移动数据）后再尝试一次。请勿反复点击按钮，限制期间的每次尝试都会延长限制时间。',
    ),
    steps: [
      t(
        'Stop retrying and wait 5-10 minutes (when the message shows an exact time, wait that long).',
        '停止重试，等待 5-10 分钟（如提示中显示了具体时间，以提示为准）。',
      ),
      t(
        "Don't tap the login or send-code button repeatedly: every attempt during the block extends it.",
        '不要反复点击登录或发送验证码按钮，限制期间的每次尝试都会延长限制时间。',
      ),
      t(
        'Switch networks, for example from Wi-Fi to mobile data: a block on one IP address does not apply to a new one.',
        '切换网络，例如从 Wi-Fi 切换到移动数据：针对某个 IP 的限制不会影响新的 IP。',
      ),
      t(
        'Make sure your password is right before you try again, so you do not trigger the limit a second time.',
        '再次尝试前请确认密码无误，以免再次触发限制。',
      ),
      t('If you are still blocked after 24 hours, contact support.', '如果 24 小时后仍然受限，请联系客服。'),
    ],
    faq: [
      {
        q: t('How long does the block last?', '限制会持续多久？'),
        a: t(
          'Usually 5-10 minutes; the message tells you the exact wait. Trying again during the block makes it longer.',
          '通常为 5-10 分钟，具体等待时间以提示为准。限制期间继续尝试会延长限制时间。',
        ),
      },
      {
        q: t('Why am I blocked when I only tried once?', '我只尝试了一次，为什么也被限制了？'),
        a: t(
          "Limits also count attempts from your network. On shared Wi-Fi, a company network or a VPN, other people's attempts count too. Switching to mobile data usually helps.",
          '限制也会统计您所在网络的尝试次数。在公共 Wi-Fi、公司网络或 VPN 下，其他人的尝试也会计算在内。切换到移动数据通常可以解决。',
        ),
      },
      {
        q: t('Is my account locked?', '我的账户被锁定了吗？'),
        a: t(
          'No. The limit applies to attempts from a network, not to your account, so nobody can lock you out by guessing your password.',
          '没有。限制针对的是网络的尝试次数，而不是您的账户，因此他人无法通过反复猜测密码来锁定您的账户。',
        ),
      },
    ],
    reasons: {
      ip_rate_limit: t(
        'Too many login attempts from this network. Try again later.',
        '当前网络登录尝试次数过多，请稍后再试。',
      ),
      account_ip_rate_limit: t(
        'Too many attempts for this email from this network. Try again later.',
        '该邮箱在当前网络下尝试次数过多，请稍后再试。',
      ),
      send_cooldown: t(
        'A code was just sent. Please wait a moment before requesting another.',
        '验证码已发送，请稍后再重新获取。',
      ),
      overloaded: t('The service is busy right now. Please try again shortly.', '当前访问人数较多，请稍后重试。'),
    },
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

  INVALID_CREDENTIALS: {
    code: 4000,
    name: 'INVALID_CREDENTIALS',
    httpStatus: 401,
    surface: 'app',
    msg: t('Incorrect account or password.', '账户或密码错误。'),
    title: t('Incorrect account or password', '账户或密码错误'),
    meaning: t(
      "The email and password you entered don't match. For your security we don't say which of the two is wrong.",
      '您输入的邮箱和密码不匹配。出于安全考虑，我们不会提示具体是哪一项有误。',
    ),
    solution: t(
      "Check what you typed. If you can't remember the password, reset it through your bound email.",
      '请检查输入内容；如果忘记密码，请通过绑定的邮箱重置密码。',
    ),
    steps: [
      t(
        'Check that Caps Lock is off and there are no extra spaces before or after the email or password.',
        '确认大写锁定已关闭，邮箱和密码前后没有多余的空格。',
      ),
      t('Make sure you are using the email you registered with.', '确认使用的是注册时的邮箱。'),
      t(
        "If the password was changed recently, use the new one: an old password won't work.",
        '如果近期修改过密码，请使用新密码，旧密码无法登录。',
      ),
      t(
        "Still failing? Reset your password with 'Forgot password'; the link goes to your bound email.",
        '仍然失败？请点击“忘记密码”重置，重置链接会发送到您绑定的邮箱。',
      ),
      t(
        "Once you're back in, check the login history for logins you don't recognise, and change your password if you find any.",
        '登录后请查看登录历史，如发现不认识的登录记录，请立即修改密码。',
      ),
    ],
    faq: [
      {
        q: t("I'm sure my password is right. Why does it fail?", '我确定密码没错，为什么还是失败？'),
        a: t(
          "Most often it's Caps Lock, an autofilled old password or a trailing space. If you didn't change the password yourself recently, someone else may have: reset it and check your login history.",
          '最常见的原因是大写锁定、自动填充了旧密码或末尾多了空格。如果您近期没有自己修改过密码，可能是他人修改了密码，请立即重置并查看登录历史。',
        ),
      },
      {
        q: t('Will too many wrong attempts lock my account?', '多次输错密码会锁定账户吗？'),
        a: t(
          "Attempts from your network are limited for a while (error 1003), but your account isn't locked. Wait a few minutes or reset your password.",
          '来自您所在网络的尝试会被暂时限制（错误码 1003），但账户不会被锁定。请等待几分钟或重置密码。',
        ),
      },
      {
        q: t("I don't receive the password reset email.", '收不到重置密码邮件怎么办？'),
        a: t(
          'Check the spam and promotions folders, and that you entered the email you registered with. For your security the page looks the same whether or not an email is registered.',
          '请检查垃圾邮件和广告邮件文件夹，并确认填写的是注册邮箱。出于安全考虑，无论邮箱是否注册，页面提示都相同。',
        ),
      },
    ],
    reasons: {
      old_password: t(
        'You entered an old password. The password was changed recently; please use the new one.',
        '您输入的是旧密码。该账户的密码近期已修改，请使用新密码。',
      ),
    },
  },

  REGION_RESTRICTED: {
    code: 4001,
    name: 'REGION_RESTRICTED',
    httpStatus: 403,
    surface: 'app',
    msg: t("This service isn't available in your current region.", '您当前所在地区暂不支持使用该服务。'),
    title: t('Region restricted', '地区限制'),
    meaning: t(
      "Our region policy, based on where your IP address is and your verified (KYC) country, doesn't allow this login or function. Logging in from many countries in a short time, typically by switching VPN servers, is also blocked for a while.",
      '根据您的 IP 所在地和身份认证（KYC）国家/地区，地区政策不允许本次登录或使用该功能。短时间内从多个国家/地区登录（通常是频繁切换 VPN 节点）也会被暂时限制。',
    ),
    solution: t(
      "Use a stable, compliant network in your own region and don't hop between VPN servers. If you have moved, change your KYC region through a support ticket.",
      '请在本人所在地区使用稳定、合规的网络，不要频繁切换 VPN 节点。如果您已迁居，请通过工单申请变更 KYC 地区。',
    ),
    steps: [
      t(
        "Turn off VPNs and proxies, or keep to one stable, compliant connection; don't switch between servers in different countries.",
        '关闭 VPN 和代理，或保持一个稳定、合规的连接，不要在不同国家/地区的节点之间切换。',
      ),
      t(
        'Log in from the region that matches your identity verification.',
        '请在与身份认证一致的地区登录。',
      ),
      t(
        'If you were told your region changed too often, wait for the cool-down, then log in again from one network.',
        '如果提示登录地区变化过于频繁，请等待冷却时间结束后，在同一网络下重新登录。',
      ),
      t(
        "If you have moved to another country, submit a ticket with category 'region change' to update your KYC region.",
        '如果您已迁居其他国家/地区，请提交类型为“地区变更”的工单，更新 KYC 地区。',
      ),
    ],
    faq: [
      {
        q: t("I'm not using a VPN. Why am I restricted?", '我没有使用 VPN，为什么还会被限制？'),
        a: t(
          'Some networks (company networks, roaming mobile data, cloud servers) appear to be in another country. Try another network; if it persists, submit a ticket stating where you are.',
          '部分网络（公司网络、漫游的移动网络、云服务器）的 IP 可能显示在其他国家/地区。请更换网络尝试；如仍有问题，请提交工单并说明您的所在地。',
        ),
      },
      {
        q: t('How do I change my KYC region?', '如何变更 KYC 地区？'),
        a: t(
          "Submit a support ticket with category 'region change' and proof of your new address. Staff update it after checking your identity.",
          '提交类型为“地区变更”的工单，并提供新地址证明，工作人员核实身份后会为您更新。',
        ),
      },
      {
        q: t('Are my assets frozen?', '我的资产被冻结了吗？'),
        a: t(
          'No. A region restriction limits logins or some functions; it does not freeze your balances. If you need to withdraw and cannot, contact support through a ticket.',
          '没有。地区限制只会限制登录或部分功能，不会冻结您的资产。如需提现但无法操作，请通过工单联系客服。',
        ),
      },
    ],
    reasons: {
      region_blocked: t("Login isn't available from your current region.", '您当前所在地区暂不支持登录。'),
      region_hopping: t(
        'Your login region changed too often. Please try again later from one stable network.',
        '您的登录地区变化过于频繁，请稍后使用稳定的网络重试。',
      ),
      function_restricted: t("This function isn't available in your region.", '该功能在您所在地区暂不可用。'),
    },
  },

  ACCOUNT_FROZEN: {
    code: 4002,
    name: 'ACCOUNT_FROZEN',
    httpStatus: 403,
    surface: 'app',
    msg: t('This account is frozen. Please contact support.', '该账户已被冻结，请联系客服。'),
    title: t('Account frozen', '账户已冻结'),
    meaning: t(
      "The account can't log in or withdraw. There are two kinds of freeze: a self-freeze, when you pressed 'Disable account' (for example after losing your phone), and a risk freeze, when risk control saw abnormal signals such as an unusual login or a large withdrawal.",
      '账户目前无法登录或提现。冻结分为两种：自行冻结，即您点击了“禁用账户”（例如手机丢失后）；风控冻结，即风控系统检测到异常情况，例如异常登录或大额提现。',
    ),
    solution: t(
      'Submit a support ticket with identity evidence. Unfreeze requests are handled within 1-3 working days.',
      '请提交工单并提供身份证明材料，解冻申请将在 1-3 个工作日内处理。',
    ),
    steps: [
      t(
        'Read the message: it says whether you disabled the account yourself or risk control froze it.',
        '查看提示信息，确认是您自行禁用还是被风控冻结。',
      ),
      t(
        "Submit a ticket with category 'account frozen', using the account's email.",
        '使用账户邮箱提交类型为“账户冻结”的工单。',
      ),
      t(
        'Attach identity evidence, such as a photo of your ID document and a selfie holding it, and describe your recent logins and withdrawals.',
        '附上身份证明材料，例如证件照片和手持证件的自拍照，并说明近期的登录和提现情况。',
      ),
      t(
        'Confirm the ticket with the link in the email and wait for a reply: tickets are handled within 1-3 working days.',
        '通过邮件中的链接确认工单，然后等待回复，一般在 1-3 个工作日内处理。',
      ),
      t(
        'Once unfrozen, change your password and review your devices and login history.',
        '解冻后请修改密码，并检查设备列表和登录历史。',
      ),
    ],
    faq: [
      {
        q: t('What is the difference between a self-freeze and a risk freeze?', '自行冻结和风控冻结有什么区别？'),
        a: t(
          "A self-freeze happens when you press 'Disable account'. A risk freeze is set by risk control after abnormal signals. Both are lifted through a ticket; lifting a risk freeze always needs identity verification.",
          '自行冻结是您点击“禁用账户”后产生的；风控冻结是风控系统检测到异常后设置的。两者都需要通过工单解冻，解除风控冻结必须完成身份核验。',
        ),
      },
      {
        q: t('How long does unfreezing take?', '解冻需要多长时间？'),
        a: t(
          '1-3 working days after you confirm the ticket. Complete, clear evidence makes it faster.',
          '确认工单后 1-3 个工作日。提供完整、清晰的材料可以加快处理。',
        ),
      },
      {
        q: t('Are my assets safe while the account is frozen?', '冻结期间我的资产安全吗？'),
        a: t(
          'Yes. A freeze stops logins and withdrawals; it does not move or remove your balances.',
          '安全。冻结只会暂停登录和提现，不会转移或扣除您的资产。',
        ),
      },
    ],
    reasons: {
      self: t(
        'You disabled this account. Submit a support ticket to unfreeze it.',
        '您已自行禁用该账户，如需解冻请提交工单。',
      ),
      risk: t(
        'This account was frozen for security reasons. Submit a support ticket to unfreeze it.',
        '出于安全原因，该账户已被冻结，请提交工单申请解冻。',
      ),
    },
  },

  TWO_FACTOR_FAILED: {
    code: 4003,
    name: 'TWO_FACTOR_FAILED',
    httpStatus: 401,
    surface: 'app',
    msg: t('Verification failed. Please check the code and try again.', '验证失败，请检查验证码后重试。'),
    title: t('Two-factor verification failed', '双重验证失败'),
    meaning: t(
      'The second-factor code (authenticator app, backup code, email or SMS code) was rejected: it was wrong, already used, generated on a phone whose clock is off, or the verification step expired.',
      '第二重验证码（身份验证器、备用码、邮箱或短信验证码）未通过：验证码错误、已被使用、手机时间不准导致验证码错误，或验证步骤已超时。',
    ),
    solution: t(
      'Turn on automatic time sync on your phone and enter a fresh code. If you lost your authenticator, use a backup code; if you have none left, request a 2FA reset through a support ticket.',
      '请开启手机的自动时间同步后输入新的验证码。如果身份验证器丢失，请使用备用码；如果没有备用码，请通过工单申请重置双重验证。',
    ),
    steps: [
      t(
        "Turn on automatic date and time on your phone: an authenticator on a phone whose clock is off gives wrong codes.",
        '在手机设置中开启“自动设置日期和时间”；手机时间不准时，身份验证器生成的验证码会出错。',
      ),
      t(
        'Wait for a new code and enter it before it changes; each code works only once.',
        '等待新的验证码出现并在刷新前输入，每个验证码只能使用一次。',
      ),
      t(
        'Changing phones? Migrate the authenticator seed (export or transfer accounts in the app) before you wipe the old phone.',
        '更换手机时，请在清除旧手机数据前迁移身份验证器的密钥（使用应用内的导出或转移账户功能）。',
      ),
      t(
        "If you can't get a code, choose 'Use a backup code' and enter one of the 8 codes you saved when you turned on 2FA.",
        '如果无法获取验证码，请选择“使用备用码”，输入开启双重验证时保存的 8 个备用码之一。',
      ),
      t(
        "No authenticator and no backup codes left: submit a ticket with category 'reset 2FA'. After identity checks, the reset takes effect after a 48-hour safety hold.",
        '如果身份验证器和备用码都无法使用，请提交类型为“重置双重验证”的工单。身份核验通过后，重置将在 48 小时安全等待期后生效。',
      ),
    ],
    faq: [
      {
        q: t('My code is correct. Why is it rejected?', '验证码明明正确，为什么验证失败？'),
        a: t(
          "Usually the phone's clock is off. Turn on automatic time sync; the message tells you when a time difference was detected. A code that was already used is also refused.",
          '通常是手机时间不准确。请开启自动时间同步；检测到时间偏差时，错误提示会告诉您。已使用过的验证码也会被拒绝。',
        ),
      },
      {
        q: t('I changed phones and my authenticator is empty.', '换了手机后身份验证器里没有账户了怎么办？'),
        a: t(
          'The seed was not migrated. Log in with a backup code and set up the authenticator again on the new phone; without backup codes, submit a 2FA reset ticket.',
          '说明密钥没有迁移。请使用备用码登录，然后在新手机上重新绑定身份验证器；如果没有备用码，请提交重置双重验证的工单。',
        ),
      },
      {
        q: t('Why does a 2FA reset take so long?', '为什么重置双重验证需要这么久？'),
        a: t(
          'To protect you from someone pretending to be you. After verification the reset waits 48 hours, we email you at once with a link to cancel it, and withdrawals stay paused for 24 hours after it takes effect.',
          '这是为了防止他人冒充您。核验通过后，重置需等待 48 小时，我们会立即发送带有取消链接的邮件通知您；重置生效后，提现还会暂停 24 小时。',
        ),
      },
    ],
    reasons: {
      invalid_code: t('Verification code is incorrect. Please try again.', '验证码错误，请重新输入。'),
      code_reused: t(
        'This code has already been used. Please wait for the next code.',
        '该验证码已使用过，请等待下一个验证码。',
      ),
      clock_skew: t(
        "The code doesn't match the current time. Turn on automatic time on your phone and try again.",
        '验证码与当前时间不匹配，请开启手机的自动设置时间后重试。',
      ),
      backup_codes_exhausted: t(
        'You have no backup codes left. Please contact support to reset 2FA.',
        '您的备用码已全部用完，请联系客服重置双重验证。',
      ),
      challenge_expired: t('The verification has expired. Please log in again.', '验证已超时，请重新登录。'),
    },
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

  EMAIL_NOT_VERIFIED: {
    code: 4019,
    name: 'EMAIL_NOT_VERIFIED',
    httpStatus: 403,
    surface: 'app',
    msg: t('Please verify your email address first.', '请先完成邮箱验证。'),
    title: t('Email not verified', '邮箱未验证'),
    meaning: t(
      "Your password is correct, but the email address hasn't been verified yet, so the account can't be used.",
      '密码正确，但邮箱尚未完成验证，账户暂时无法使用。',
    ),
    solution: t(
      'Enter the 6-digit code from the verification email; if it has expired, request a new one.',
      '请输入验证邮件中的 6 位验证码；如已过期，请重新获取。',
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
        a: t(
          'Sign up again with the right address; an unverified account cannot be used.',
          '请使用正确的邮箱重新注册，未验证的账户无法使用。',
        ),
      },
    ],
    reasons: {},
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
