/** Plain building blocks: labelled fields, buttons, notices, page titles. */
import { type ButtonHTMLAttributes, type ComponentProps, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Gatehouse` : 'Gatehouse';
  }, [title]);
}

/** A page's heading; focus moves to it on navigation so screen readers announce the new page. */
export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

interface FieldFrame {
  label: string;
  hint?: ReactNode;
  problem?: string | null;
}

type FieldProps = ComponentProps<'input'> & FieldFrame;

/** Label, hint and problem around one control, wired for screen readers (aria-describedby, aria-invalid). */
function LabelledControl({
  label,
  hint,
  problem,
  id,
  className,
  control,
}: FieldFrame & { id?: string; className?: string; control(attrs: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }): ReactNode }) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const problemId = problem ? `${fieldId}-problem` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {control({ id: fieldId, 'aria-describedby': describedBy, 'aria-invalid': problem ? true : undefined })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p className="problem" id={problemId}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function Field({ label, hint, problem, id, className, ...input }: FieldProps) {
  return <LabelledControl label={label} hint={hint} problem={problem} id={id} className={className} control={(attrs) => <input {...attrs} {...input} />} />;
}

/** A multi-line field with the same label, hint and problem wiring as Field. */
export function TextAreaField({ label, hint, problem, id, className, ...textarea }: ComponentProps<'textarea'> & FieldFrame) {
  return (
    <LabelledControl label={label} hint={hint} problem={problem} id={id} className={className} control={(attrs) => <textarea {...attrs} {...textarea} />} />
  );
}

/** A password field with a show/hide toggle. */
export function PasswordField(props: Omit<FieldProps, 'type'>) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <div className="password-field">
      <Field {...props} type={shown ? 'text' : 'password'} spellCheck={false} autoCapitalize="off" />
      <button type="button" className="link-button reveal" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
        {shown ? t('Hide') : t('Show')}
        <span className="visually-hidden"> {props.label}</span>
      </button>
    </div>
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'quiet'; busy?: boolean };

export function Button({ variant = 'primary', busy, disabled, children, className, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      className={`button button-${variant}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}

export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'success' | 'warning'; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

export function Card({ title, children, className, actions }: { title?: ReactNode; children: ReactNode; className?: string; actions?: ReactNode }) {
  const headingId = useId();
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={title ? headingId : undefined}>
      {title || actions ? (
        <div className="card-head">
          {title ? <h2 id={headingId}>{title}</h2> : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('Loading…')}
    </p>
  );
}

/** Copies text to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Button variant="secondary" onClick={copy}>
      {copied ? t('Copied') : (label ?? t('Copy'))}
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('Copied to the clipboard') : ''}
      </span>
    </Button>
  );
}

/** Offers `text` as a downloaded .txt file (a Blob URL, revoked right after). */
export function DownloadButton({ text, fileName, label }: { text: string; fileName: string; label: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Button variant="secondary" onClick={download}>
      {label}
    </Button>
  );
}

/** The current password, asked again before a sensitive change. */
export function CurrentPasswordField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <PasswordField
      label={t('Current password')}
      name="password"
      autoComplete="current-password"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
    />
  );
}

/** "I have saved it" before "Done": for things shown once (backup codes, an API secret). */
export function SavedThenDone({ label, onDone }: { label: string; onDone(): void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        {label}
      </label>
      <div className="actions">
        <Button onClick={onDone} disabled={!saved}>
          {t('Done')}
        </Button>
      </div>
    </>
  );
}

/** A destructive action behind a second click: the button, then "confirm" and "cancel". */
export function ConfirmAction({
  label,
  confirmLabel,
  subject,
  busy,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  /** Read after the label by screen readers, so that each row's button names its row. */
  subject: string;
  busy: boolean;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <>
      <Button variant="danger" busy={busy} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button variant="quiet" onClick={() => setConfirming(false)}>
        {t('Cancel')}
      </Button>
    </>
  ) : (
    <Button variant="secondary" onClick={() => setConfirming(true)}>
      {label}
      <span className="visually-hidden"> {subject}</span>
    </Button>
  );
}

/** A safe same-site path from a `next` query parameter, or the fallback. */
export function safeNext(next: string | null, fallback: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
