/**
 * How every failure is shown, everywhere: inline, in the reader's language, with the catalog's
 * title, meaning and numbered steps for the code and reason (GET /api/v1/errors/{code}, cached),
 * plus what the envelope adds for the specific case:
 * - 1003: a live countdown from retryAfter (the form's button stays disabled meanwhile);
 * - 4003 clock_skew: how far the phone's clock is off, and how to turn on automatic time;
 * - 4001 region_hopping: until when; region_blocked: the network's country;
 * - 4002, 4003 backup_codes_exhausted and any error with details.supportSuggested: a
 *   "Contact support" link to the ticket form, filled in from the error.
 */
import type { ReactNode } from 'react';
import { useCatalogEntry } from '../api/catalog';
import { ApiError, NETWORK_ERROR_CODE } from '../api/client';
import { formatDuration, retryAtMs, useSecondsLeft } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { supportLinkFor } from './support-link';

export function countryName(code: unknown, lang: string): string {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return '—';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** `details.fields` of a 4010, as {field: problem}. */
export function fieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 4010) return {};
  const fields = error.envelope.details.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}

function Countdown({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const left = useSecondsLeft(retryAtMs(error));
  if (left <= 0) {
    return (
      <p className="countdown countdown-done" role="status">
        {t('You can try again now.')}
      </p>
    );
  }
  return (
    <p className="countdown">
      {t('Try again in')}{' '}
      <strong role="timer" aria-live="off" data-testid="retry-countdown">
        {formatDuration(left)}
      </strong>
    </p>
  );
}

function ClockSkew({ seconds }: { seconds: number }) {
  const { t } = useI18n();
  const ahead = seconds > 0;
  const n = Math.abs(seconds);
  return (
    <div className="clock-skew">
      <p className="emphasis">
        {ahead ? t("Your phone's clock is {n} seconds ahead of the real time.", { n }) : t("Your phone's clock is {n} seconds behind the real time.", { n })}
      </p>
      <p>{t('Authenticator codes depend on the exact time. Turn on automatic time on your phone, then use a fresh code:')}</p>
      <ul>
        <li>
          <strong>Android:</strong> {t('Settings → System → Date & time → turn on "Set time automatically".')}
        </li>
        <li>
          <strong>iOS:</strong> {t('Settings → General → Date & Time → turn on "Set Automatically".')}
        </li>
      </ul>
    </div>
  );
}

function Specifics({ error }: { error: ApiError }) {
  const { t, lang, dateTime } = useI18n();
  const { code, reason } = error;
  const details = error.envelope.details;
  const parts: ReactNode[] = [];
  if (code === 1003 || (code === 1100 && typeof error.envelope.retryAfter === 'number')) parts.push(<Countdown key="countdown" error={error} />);
  if (code === 1100) {
    if (typeof details.message === 'string' && details.message) parts.push(<p key="message">{details.message}</p>);
    if (typeof details.until === 'string') parts.push(<p key="until">{t('Expected back at {time}.', { time: dateTime(details.until) })}</p>);
  }
  if (code === 4003 && reason === 'clock_skew' && typeof details.skewSeconds === 'number') parts.push(<ClockSkew key="skew" seconds={details.skewSeconds} />);
  if (code === 4001 && reason === 'region_hopping' && typeof details.until === 'string') {
    parts.push(
      <p key="hop" className="emphasis">
        {t('You can sign in again after {time}. Stop switching VPN or proxy locations until then.', { time: dateTime(details.until) })}
      </p>,
    );
  }
  if (code === 4001 && 'ipCountry' in details) {
    parts.push(<p key="country">{t('Your network appears to be in: {country}.', { country: countryName(details.ipCountry, lang) })}</p>);
  }
  if (code === 4000 && reason === 'old_password' && typeof details.changedAt === 'string') {
    parts.push(<p key="old">{t('That password was replaced on {time}. Use your current password.', { time: dateTime(details.changedAt) })}</p>);
  }
  if (code === 4015 && typeof details.until === 'string') {
    parts.push(<p key="hold">{t('Paused until {time}.', { time: dateTime(details.until) })}</p>);
  }
  if (code === 4010) {
    const fields = fieldProblems(error);
    const names = Object.keys(fields);
    if (names.length > 0) {
      parts.push(
        <ul key="fields" className="field-problems">
          {names.map((name) => (
            <li key={name}>
              <code>{name}</code>: {fields[name]}
            </li>
          ))}
        </ul>,
      );
    }
  }
  return parts.length > 0 ? parts : null;
}

function wantsSupport(error: ApiError): boolean {
  const details = error.envelope.details;
  return error.code === 4002 || details.supportSuggested === true || typeof details.ticketHint === 'string';
}

export function ErrorNotice({ error, email, compact }: { error: unknown; email?: string; compact?: boolean }) {
  const { t } = useI18n();
  const apiError = error instanceof ApiError ? error : null;
  const code = apiError ? apiError.code : null;
  const entry = useCatalogEntry(code);

  if (!error) return null;
  if (!apiError) {
    return (
      <div className="error-notice" role="alert">
        <p className="error-title">{t('Something went wrong in this page.')}</p>
        <p>{t('Reload the page and try again.')}</p>
      </div>
    );
  }
  if (apiError.code === NETWORK_ERROR_CODE) {
    return (
      <div className="error-notice" role="alert">
        <p className="error-title">{t('Gatehouse cannot be reached.')}</p>
        <p>{t('Check your internet connection and try again.')}</p>
      </div>
    );
  }
  const envelope = apiError.envelope;
  const reasonMsg = (apiError.reason && entry?.reasons.find((r) => r.reason === apiError.reason)?.msg) || envelope.msg;
  const title = entry?.title ?? reasonMsg;
  const support = wantsSupport(apiError) ? supportLinkFor(apiError, email) : null;
  return (
    <div className="error-notice" role="alert" data-code={envelope.code} data-reason={envelope.reason ?? ''}>
      <p className="error-title">
        {title} <span className="error-code">{t('Error {code}', { code: envelope.code })}</span>
      </p>
      {reasonMsg && reasonMsg !== title ? <p className="error-msg">{reasonMsg}</p> : null}
      <Specifics error={apiError} />
      {support ? (
        <p className="error-support">
          <Link className="button button-secondary" to={support.to} state={support.state}>
            {t('Contact support')}
          </Link>
        </p>
      ) : null}
      {!compact && entry ? (
        <div className="error-help">
          <p>{entry.meaning}</p>
          {entry.steps.length > 0 ? (
            <>
              <p className="steps-title">{t('What you can do')}</p>
              <ol>
                {entry.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </>
          ) : null}
        </div>
      ) : null}
      <p className="error-links">
        <Link to={envelope.help}>{t('More about error {code}', { code: envelope.code })}</Link>
        {envelope.requestId ? <span className="reference">{t('Reference: {id}', { id: envelope.requestId })}</span> : null}
      </p>
    </div>
  );
}
