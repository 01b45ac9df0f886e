/**
 * Waiting for the owner to approve a new device by the mailed link: polls
 * GET /api/v1/auth/login/challenge/{id} every few seconds and moves on by itself once approved
 * (to the session, or to the second factor).
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { ChallengePoll, LoginAnswer } from '../api/types';
import { formatDuration, useSecondsLeft } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useDevMode } from './dev-mode';
import { ErrorNotice } from './error-notice';
import { Button } from './ui';

const POLL_MS = 3000;

export function DeviceConfirmationWait({
  challenge,
  email,
  onAnswer,
  onRestart,
}: {
  challenge: { id: string; expiresAt: string };
  email?: string;
  onAnswer(answer: LoginAnswer): void;
  onRestart(): void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const left = useSecondsLeft(Date.parse(challenge.expiresAt));
  const devMode = useDevMode();
  const onAnswerRef = useRef(onAnswer);
  onAnswerRef.current = onAnswer;

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      try {
        const answer = await get<ChallengePoll>(`/api/v1/auth/login/challenge/${encodeURIComponent(challenge.id)}`, { cookieSession: true });
        if (stopped) return;
        if (answer.status === 'pending') {
          setError(null);
          timer = window.setTimeout(poll, POLL_MS);
          return;
        }
        onAnswerRef.current(answer);
      } catch (err) {
        if (stopped) return;
        setError(err);
        // 4014: expired or used; anything else (network, maintenance) is worth another try.
        if (!(err instanceof ApiError && err.code === 4014)) timer = window.setTimeout(poll, POLL_MS * 2);
      }
    };
    timer = window.setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [challenge.id]);

  const expired = left <= 0 || (error instanceof ApiError && error.code === 4014);
  return (
    <div className="stack" data-testid="device-wait">
      <h2>{t('Approve this sign-in from your email')}</h2>
      <p>{t('This device is new to your account, so we sent an approval link to your email address. Open the link on any device.')}</p>
      <p>{t('This page continues by itself once you approve. You can keep it open.')}</p>
      {expired ? null : (
        <p className="waiting" role="status">
          <span className="pulse" aria-hidden="true" /> {t('Waiting for approval… ({time} left)', { time: formatDuration(left) })}
        </p>
      )}
      {devMode && email ? (
        <p className="hint">
          {t('Development server: the mail is in the')} <Link to={`/dev/mailbox?to=${encodeURIComponent(email)}`}>{t('dev mailbox')}</Link>.
        </p>
      ) : null}
      <ErrorNotice error={error} email={email} compact />
      <div className="actions">
        <Button variant={expired ? 'primary' : 'quiet'} onClick={onRestart}>
          {expired ? t('Sign in again') : t('Cancel')}
        </Button>
      </div>
    </div>
  );
}
