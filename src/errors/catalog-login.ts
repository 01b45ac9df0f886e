/**
 * The login system's own codes (1003, 4000-4003, 4019): the ones with help-page content users follow.
 * Data only. Merged in catalog.ts; import CATALOG from there, not this file.
 *
 * Messages are short and safe to show: none of them says whether an account exists.
 */
import { t, type CatalogEntry } from './catalog-types.js';

export const LOGIN_CATALOG = {
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
      ip_rate_limit: t('Too many login attempts from this network. Try again later.', '当前网络登录尝试次数过多，请稍后再试。'),
      account_ip_rate_limit: t('Too many attempts for this email from this network. Try again later.', '该邮箱在当前网络下尝试次数过多，请稍后再试。'),
      send_cooldown: t('A code was just sent. Please wait a moment before requesting another.', '验证码已发送，请稍后再重新获取。'),
      overloaded: t('The service is busy right now. Please try again shortly.', '当前访问人数较多，请稍后重试。'),
      account_2fa_rate_limit: t(
        'Too many wrong two-factor codes for this account. Sign-in is paused for a while; the owner was told by mail.',
        '该账户的双重验证码错误次数过多，登录已暂停一段时间，账户所有者已收到邮件通知。',
      ),
      account_rate_limit: t(
        'Too many sign-in steps or codes for this account in a short time. Wait a while before trying again.',
        '该账户在短时间内的登录步骤或验证码请求过多，请稍后再试。',
      ),
    },
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
      t(
        'Make sure you are using the email you registered with, and that you entered the 6-digit code from its verification email: until then no password signs in (if the code expired, register again).',
        '确认使用的是注册时的邮箱，并且已输入验证邮件中的 6 位验证码：在此之前任何密码都无法登录（如验证码已过期，请重新注册）。',
      ),
      t("If the password was changed recently, use the new one: an old password won't work.", '如果近期修改过密码，请使用新密码，旧密码无法登录。'),
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
      t('Log in from the region that matches your identity verification.', '请在与身份认证一致的地区登录。'),
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
      // A deny rule blocks login and every function alike (orders, withdrawals, API keys answer it
      // too), so the message names none of them.
      region_blocked: t("This service isn't available from your current region.", '您当前所在地区暂不支持使用本服务。'),
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
      t('Read the message: it says whether you disabled the account yourself or risk control froze it.', '查看提示信息，确认是您自行禁用还是被风控冻结。'),
      t("Submit a ticket with category 'account frozen', using the account's email.", '使用账户邮箱提交类型为“账户冻结”的工单。'),
      t(
        'Attach identity evidence, such as a photo of your ID document and a selfie holding it, and describe your recent logins and withdrawals.',
        '附上身份证明材料，例如证件照片和手持证件的自拍照，并说明近期的登录和提现情况。',
      ),
      t(
        'Confirm the ticket with the link in the email and wait for a reply: tickets are handled within 1-3 working days.',
        '通过邮件中的链接确认工单，然后等待回复，一般在 1-3 个工作日内处理。',
      ),
      t('Once unfrozen, change your password and review your devices and login history.', '解冻后请修改密码，并检查设备列表和登录历史。'),
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
        a: t('Yes. A freeze stops logins and withdrawals; it does not move or remove your balances.', '安全。冻结只会暂停登录和提现，不会转移或扣除您的资产。'),
      },
    ],
    reasons: {
      self: t('You disabled this account. Submit a support ticket to unfreeze it.', '您已自行禁用该账户，如需解冻请提交工单。'),
      risk: t('This account was frozen for security reasons. Submit a support ticket to unfreeze it.', '出于安全原因，该账户已被冻结，请提交工单申请解冻。'),
      staff: t('This account was frozen by our support team. Submit a support ticket to learn more.', '该账户已被客服团队冻结，请提交工单了解详情。'),
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
        'Turn on automatic date and time on your phone: an authenticator on a phone whose clock is off gives wrong codes.',
        '在手机设置中开启“自动设置日期和时间”；手机时间不准时，身份验证器生成的验证码会出错。',
      ),
      t('Wait for a new code and enter it before it changes; each code works only once.', '等待新的验证码出现并在刷新前输入，每个验证码只能使用一次。'),
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
      code_reused: t('This code has already been used. Please wait for the next code.', '该验证码已使用过，请等待下一个验证码。'),
      clock_skew: t(
        "The code doesn't match the current time. Turn on automatic time on your phone and try again.",
        '验证码与当前时间不匹配，请开启手机的自动设置时间后重试。',
      ),
      backup_codes_exhausted: t('You have no backup codes left. Please contact support to reset 2FA.', '您的备用码已全部用完，请联系客服重置双重验证。'),
      challenge_expired: t('The verification has expired. Please log in again.', '验证已超时，请重新登录。'),
    },
  },
} satisfies Record<string, CatalogEntry>;
