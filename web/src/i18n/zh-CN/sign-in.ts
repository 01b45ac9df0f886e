/** Simplified Chinese for sign-in, registration, device confirmation, the second factor, mail links and recovery. */
export const ZH_CN_SIGN_IN: Record<string, string> = {
  // Sign-in and registration
  'Staff sign-in': '员工登录',
  'Sign in': '登录',
  'Sign in or create an account': '登录或注册',
  'Create account': '注册',
  'Create your account': '创建账户',
  'Welcome to Gatehouse': '欢迎使用 Gatehouse',
  'Sign in to manage your account security.': '登录以管理您的账户安全。',
  'One account, protected by a password and, once you add it, an authenticator app.': '一个账户，由密码保护；添加身份验证器应用后更加安全。',
  'Help with error codes': '错误代码帮助',
  'Your email is verified. Sign in to continue.': '您的邮箱已验证。请登录以继续。',
  Email: '邮箱',
  Password: '密码',
  'Forgot password?': '忘记密码？',
  'Wait {time}': '请等待 {time}',
  '8 to 128 characters. Any characters are fine; a long passphrase is best. Common passwords are refused.':
    '8 到 128 个字符，任何字符都可以；较长的密码短语最安全。常见密码会被拒绝。',
  'Check your email': '请查看邮箱',
  'We sent a 6-digit code to {email}. It works for 10 minutes.': '我们已向 {email} 发送 6 位验证码，10 分钟内有效。',
  'Development server: mail is not sent. Read it in the': '开发服务器：邮件不会真正发出，请在此查看：',
  'Development server: the mail is in the': '开发服务器：邮件在',
  'dev mailbox': '开发邮箱',
  'Verification code': '验证码',
  'Verify email': '验证邮箱',
  'Send again in {time}': '{time} 后可重新发送',
  'Send a new code': '发送新验证码',
  'Send code': '发送验证码',
  'A new code is on its way. Earlier codes no longer work.': '新验证码正在发送中，之前的验证码已失效。',

  // Device confirmation
  'Approve this sign-in from your email': '请在邮件中批准此次登录',
  'This device is new to your account, so we sent an approval link to your email address. Open the link on any device.':
    '这是您的账户首次使用此设备，因此我们已向您的邮箱发送了批准链接。您可以在任意设备上打开该链接。',
  'This page continues by itself once you approve. You can keep it open.': '批准后此页面会自动继续，请保持打开。',
  'Waiting for approval… ({time} left)': '等待批准…（剩余 {time}）',
  'Sign in again': '重新登录',

  // Second factor
  'Two-step verification': '两步验证',
  'Verify with': '验证方式',
  'Authenticator app': '身份验证器应用',
  'Backup code': '备用码',
  'Email code': '邮箱验证码',
  'SMS code': '短信验证码',
  'Open your authenticator app and enter the 6-digit code shown for Gatehouse.': '打开身份验证器应用，输入 Gatehouse 对应的 6 位数字验证码。',
  'Enter one of the backup codes you saved when you set up the authenticator app. Each works once.':
    '输入您设置身份验证器时保存的任一备用码。每个备用码只能使用一次。',
  'We send a 6-digit code to your account email.': '我们会向您的账户邮箱发送 6 位验证码。',
  'We send a 6-digit code to your verified phone.': '我们会向您已验证的手机发送 6 位验证码。',
  'Code sent. Check your email.': '验证码已发送，请查看邮箱。',
  'Code sent. Check your phone.': '验证码已发送，请查看手机。',
  Verify: '验证',

  // Mail links
  'This link is incomplete': '此链接不完整',
  'Open the link from the email exactly as it was sent. If it still fails, the link may have expired.':
    '请完整打开邮件中的链接。如果仍然失败，链接可能已过期。',
  'Approve a new device': '批准新设备',
  'Sign-in approved': '登录已批准',
  'The device that is waiting continues by itself within a few seconds. You can close this page.': '正在等待的设备会在几秒内自动继续。您可以关闭此页面。',
  'Someone with your password is signing in from a device this account has not used before.': '有人正在使用您的密码，从此账户从未使用过的设备登录。',
  'Approve only if that is you, right now.': '只有当这是您本人正在登录时才批准。',
  'Yes, approve this sign-in': '是我本人，批准此次登录',
  'Not you?': '不是您本人？',
  'Do not approve. Change your password at once, and disable the account from the security notice email if you think it is compromised.':
    '请不要批准。立即修改密码；如果您认为账户已被盗用，请通过安全通知邮件停用账户。',
  'Reset my password': '重置我的密码',
  'Disable your account': '停用您的账户',
  'Use this if you received a security notice about something you did not do.': '如果您收到的安全通知所述操作并非您本人所为，请使用此功能。',
  'Stop the two-step verification reset': '阻止两步验证重置',
  'The reset is cancelled': '重置已取消',
  'Your authenticator app and backup codes stay as they are.': '您的身份验证器应用和备用码保持不变。',
  'Support scheduled a reset of your two-step verification after a request in your name. It takes effect after a waiting period.':
    '客服根据以您名义提交的请求，安排了两步验证重置，它将在等待期结束后生效。',
  'If you did not ask for it, stop it now and change your password.': '如果这不是您的请求，请立即阻止并修改密码。',
  'Stop the reset': '阻止重置',

  // Recovery
  'Forgot password': '忘记密码',
  'We email you a link to choose a new password.': '我们会通过邮件发送设置新密码的链接。',
  'Forgot your password?': '忘记密码了？',
  'Check your mail': '请查看邮箱',
  'If {email} has a Gatehouse account, a reset link is on its way. It works once, for 30 minutes.':
    '如果 {email} 注册了 Gatehouse 账户，重置链接正在发送中。该链接只能使用一次，30 分钟内有效。',
  'Back to sign in': '返回登录',
  'Send reset link': '发送重置链接',
  'Choose a new password': '设置新密码',
  'Open the link from the email exactly as it was sent, or ask for a new one.': '请完整打开邮件中的链接，或重新申请一个。',
  'Ask for a new link': '重新申请链接',
  'Your password is changed': '密码已修改',
  'Every session was signed out. Withdrawals are paused for 24 hours as a precaution.': '所有会话已退出登录。为安全起见，提现暂停 24 小时。',
  'Sign in with the new password': '使用新密码登录',
  'Set new password': '设置新密码',
};
