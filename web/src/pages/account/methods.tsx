/**
 * Email and SMS codes as backup second factors: a first call, with the current second factor (or
 * the password when the account has none yet), sends a confirmation code to the channel; a second
 * call with that code switches the method. The proof is spent by the first call, so "send a new
 * code" starts over with a fresh proof.
 */
import { type FormEvent, useState } from 'react';
import { post, retryAfterOf } from '../../api/client';
import type { AccountView } from '../../api/types';
import { useChangeProof } from '../../components/current-code';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { Button, Card, Field } from '../../components/ui';
import { formatDuration, useAction, useRetryBlock, useSecondsLeft } from '../../hooks';
import { useI18n } from '../../i18n/i18n';

const COOLDOWN_MS = 60_000;

export function EmailCodesCard({ account, onChanged }: { account: AccountView; onChanged(): void }) {
  const { t } = useI18n();
  const on = account.twoFactor.email;
  const [stage, setStage] = useState<'idle' | 'start' | 'code'>('idle');
  const proof = useChangeProof(account);
  const [code, setCode] = useState('');
  const [resendAtMs, setResendAtMs] = useState<number | null>(null);
  const target = !on;

  const start = useAction(async () => {
    try {
      await post('/api/v1/account/2fa/email', { enabled: target, ...proof.body });
      proof.clear();
      setResendAtMs(Date.now() + COOLDOWN_MS);
      setStage('code');
    } catch (err) {
      const retry = retryAfterOf(err);
      if (retry !== null) setResendAtMs(Date.now() + retry * 1000);
      throw err;
    }
  });
  const finish = useAction(async () => {
    await post('/api/v1/account/2fa/email', { enabled: target, code: code.trim() });
    setStage('idle');
    setCode('');
    onChanged();
  });
  const resendLeft = useSecondsLeft(resendAtMs);
  const blocked = useRetryBlock(start.error ?? finish.error);

  const submitStart = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0) void start.run();
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0) void finish.run();
  };

  return (
    <Card title={t('Email codes')}>
      <div className="stack" id="email-codes">
        <p className="status-line">
          <span className={`pill ${on ? 'pill-on' : 'pill-off'}`}>{on ? t('On') : t('Off')}</span>{' '}
          {t('A 6-digit code sent to {email} can stand in for the authenticator app.', { email: account.email })}
        </p>
        {stage === 'idle' ? (
          <div className="actions">
            <Button variant="secondary" onClick={() => setStage('start')}>
              {on ? t('Turn off email codes') : t('Turn on email codes')}
            </Button>
          </div>
        ) : stage === 'start' ? (
          <form className="stack" onSubmit={submitStart} noValidate>
            <p>{t('We send a confirmation code to {email}.', { email: account.email })}</p>
            {proof.field}
            <ErrorNotice error={start.error} />
            <div className="actions">
              <Button type="submit" busy={start.busy} disabled={blocked > 0 || !proof.ready}>
                {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Send code')}
              </Button>
              <Button variant="quiet" onClick={() => setStage('idle')}>
                {t('Cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <form className="stack" onSubmit={submitCode} noValidate>
            <Field
              label={t('Code from the email')}
              name="email-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              required
            />
            <ErrorNotice error={finish.error} />
            <ErrorNotice error={start.error} compact />
            <div className="actions">
              <Button type="submit" busy={finish.busy} disabled={blocked > 0 || code.length !== 6}>
                {on ? t('Turn off') : t('Turn on')}
              </Button>
              <Button variant="secondary" onClick={() => setStage('start')} disabled={resendLeft > 0}>
                {resendLeft > 0 ? t('Send again in {time}', { time: formatDuration(resendLeft) }) : t('Send a new code')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}

export function SmsCodesCard({ account, onChanged }: { account: AccountView; onChanged(): void }) {
  const { t } = useI18n();
  const on = account.twoFactor.sms;
  const [stage, setStage] = useState<'idle' | 'phone' | 'code'>('idle');
  const [phone, setPhone] = useState('');
  const proof = useChangeProof(account);
  const [code, setCode] = useState('');
  const [resendAtMs, setResendAtMs] = useState<number | null>(null);

  const send = useAction(async () => {
    try {
      await post('/api/v1/account/2fa/sms', { phone, ...proof.body });
      proof.clear();
      setResendAtMs(Date.now() + COOLDOWN_MS);
      setStage('code');
    } catch (err) {
      const retry = retryAfterOf(err);
      if (retry !== null) setResendAtMs(Date.now() + retry * 1000);
      throw err;
    }
  });
  const confirm = useAction(async () => {
    await post('/api/v1/account/2fa/sms', { phone, code: code.trim() });
    setStage('idle');
    setCode('');
    onChanged();
  });
  const resendLeft = useSecondsLeft(resendAtMs);
  const blocked = useRetryBlock(send.error ?? confirm.error);

  const submitPhone = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0) void send.run();
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0) void confirm.run();
  };

  return (
    <Card title={t('SMS codes')}>
      <div className="stack" id="sms-codes">
        <p className="status-line">
          <span className={`pill ${on ? 'pill-on' : 'pill-off'}`}>{on ? t('On') : t('Off')}</span> {t('A 6-digit code sent by SMS to a verified phone number.')}
        </p>
        {stage === 'idle' ? (
          <div className="actions">
            <Button variant="secondary" onClick={() => setStage('phone')}>
              {on ? t('Change phone number') : t('Add a phone number')}
            </Button>
          </div>
        ) : stage === 'phone' ? (
          <form className="stack" onSubmit={submitPhone} noValidate>
            <Field
              label={t('Phone number, with country code')}
              name="phone"
              type="tel"
              autoComplete="tel"
              placeholder="+49 151 1234 5678"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              problem={fieldProblems(send.error).phone ?? null}
              required
            />
            {proof.field}
            <ErrorNotice error={send.error} />
            <div className="actions">
              <Button type="submit" busy={send.busy} disabled={blocked > 0 || !phone.trim() || !proof.ready}>
                {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Send code')}
              </Button>
              <Button variant="quiet" onClick={() => setStage('idle')}>
                {t('Cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <form className="stack" onSubmit={submitCode} noValidate>
            <p>{t('We sent a code to {phone}.', { phone })}</p>
            <Field
              label={t('Code from the SMS')}
              name="sms-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              required
            />
            <ErrorNotice error={confirm.error} />
            <ErrorNotice error={send.error} compact />
            <div className="actions">
              <Button type="submit" busy={confirm.busy} disabled={blocked > 0 || code.length !== 6}>
                {t('Verify phone')}
              </Button>
              <Button variant="secondary" onClick={() => setStage('phone')} disabled={resendLeft > 0}>
                {resendLeft > 0 ? t('Send again in {time}', { time: formatDuration(resendLeft) }) : t('Send a new code')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}
