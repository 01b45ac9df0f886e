/**
 * `/support/new?category=&code=`: the ticket form (multipart POST /api/v1/tickets), filled in from
 * the error the user saw. Attachments are checked before upload (images only, 5 MB each, at most 3)
 * and previewed from data: URLs read locally.
 */
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { type SupportPrefill, TICKET_CATEGORIES, type TicketCategory, deviceModelFromUserAgent } from '../../components/support-link';
import { Button, Card, Field, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useRetryBlock } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';

export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface PickedImage {
  id: number;
  file: File;
  preview: string;
}

let nextImageId = 1;

export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Adds files to `current`, refusing non-images, files over 5 MB and anything past the third. */
export function useAttachments() {
  const { t } = useI18n();
  const [files, setFiles] = useState<PickedImage[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    const found: string[] = [];
    const next = [...files];
    for (const file of picked) {
      if (!file.type.startsWith('image/')) found.push(t('{name}: only images can be attached.', { name: file.name }));
      else if (file.size > MAX_ATTACHMENT_BYTES) found.push(t('{name}: larger than 5 MB.', { name: file.name }));
      else if (next.length >= MAX_ATTACHMENTS) found.push(t('{name}: at most 3 images per message.', { name: file.name }));
      else next.push({ id: nextImageId++, file, preview: await readAsDataUrl(file) });
    }
    setFiles(next);
    setProblems(found);
  };
  const remove = (index: number) => setFiles((f) => f.filter((_, i) => i !== index));
  const clear = () => {
    setFiles([]);
    setProblems([]);
  };
  return { files, problems, add, remove, clear };
}

export function AttachmentPicker({ attachments }: { attachments: ReturnType<typeof useAttachments> }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor="attachments">{t('Screenshots (optional)')}</label>
      <input
        id="attachments"
        type="file"
        accept="image/*"
        multiple
        onChange={(e) => void attachments.add(e)}
        disabled={attachments.files.length >= MAX_ATTACHMENTS}
        aria-describedby="attachments-hint"
      />
      <p className="hint" id="attachments-hint">
        {t('Images only, up to 5 MB each, at most 3.')}
      </p>
      {attachments.problems.map((p) => (
        <p key={p} className="problem" role="alert">
          {p}
        </p>
      ))}
      {attachments.files.length > 0 ? (
        <ul className="previews">
          {attachments.files.map((f, i) => (
            <li key={f.id}>
              <img src={f.preview} alt={f.file.name} />
              <Button variant="quiet" onClick={() => attachments.remove(i)}>
                {t('Remove')}
                <span className="visually-hidden"> {f.file.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function toLocalInput(iso: string | null): string {
  const d = iso ? new Date(iso) : new Date();
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function NewTicketPage() {
  const { t } = useI18n();
  usePageTitle(t('Contact support'));
  const { location } = useRouter();
  const prefill = (location.state ?? {}) as SupportPrefill;
  const initialCategory = location.search.get('category');
  const [email, setEmail] = useState(prefill.email ?? '');
  const [category, setCategory] = useState<TicketCategory>(
    TICKET_CATEGORIES.includes(initialCategory as TicketCategory) ? (initialCategory as TicketCategory) : 'other',
  );
  const [errorCode, setErrorCode] = useState(location.search.get('code') ?? '');
  const [deviceModel, setDeviceModel] = useState(() => deviceModelFromUserAgent(navigator.userAgent));
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(location.search.get('occurredAt')));
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const attachments = useAttachments();

  const labels: Record<TicketCategory, string> = {
    account_frozen: t('My account is frozen or disabled'),
    reset_2fa: t('I lost my authenticator app / backup codes'),
    region_change: t('My country or region changed'),
    login_error: t('I get an error when I sign in'),
    compromised: t('Someone else may be using my account'),
    other: t('Something else'),
  };

  const send = useAction(async () => {
    const form = new FormData();
    form.set('email', email.trim());
    form.set('category', category);
    if (errorCode.trim()) form.set('errorCode', errorCode.trim());
    if (deviceModel.trim()) form.set('deviceModel', deviceModel.trim());
    if (occurredAt) form.set('occurredAt', new Date(occurredAt).toISOString());
    form.set('description', description.trim());
    for (const f of attachments.files) form.append('attachments', f.file, f.file.name);
    const answer = await api<{ id: string; status: string }>('POST', '/api/v1/tickets', { form });
    setCreated(answer.id);
  });
  const blocked = useRetryBlock(send.error);
  const problems = fieldProblems(send.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0) void send.run();
  };

  if (created) {
    return (
      <div className="narrow">
        <PageTitle>{t('Check your mail to confirm the ticket')}</PageTitle>
        <Notice kind="success">
          <p>
            {t('We sent a link to {email}. The ticket reaches the support team once you open it; that proves the address is yours.', { email: email.trim() })}
          </p>
          <p className="small">{t('Ticket {id}', { id: created })}</p>
        </Notice>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageTitle lead={t('Support answers within 1-3 working days. Never send your password, codes or backup codes: support never asks for them.')}>
        {t('Contact support')}
      </PageTitle>
      <Card>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <Field
            label={t('Your account email')}
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            problem={problems.email ?? null}
            required
          />
          <div className="field">
            <label htmlFor="category">{t('What is it about?')}</label>
            <select id="category" value={category} onChange={(e) => setCategory(e.target.value as TicketCategory)}>
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {labels[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="row">
            <Field
              label={t('Error code (if any)')}
              name="errorCode"
              inputMode="numeric"
              value={errorCode}
              onChange={(e) => setErrorCode(e.target.value)}
              problem={problems.errorCode ?? null}
            />
            <Field
              label={t('When did it happen?')}
              type="datetime-local"
              name="occurredAt"
              value={occurredAt}
              onChange={(e) => setOccurredAt(e.target.value)}
            />
          </div>
          <Field label={t('Device')} name="deviceModel" value={deviceModel} onChange={(e) => setDeviceModel(e.target.value)} maxLength={200} />
          <div className={`field${problems.description ? ' field-invalid' : ''}`}>
            <label htmlFor="description">{t('What happened?')}</label>
            <textarea id="description" rows={6} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} required />
            {problems.description ? <p className="problem">{problems.description}</p> : null}
          </div>
          <AttachmentPicker attachments={attachments} />
          <ErrorNotice error={send.error} email={email} compact />
          <div className="actions">
            <Button type="submit" busy={send.busy} disabled={blocked > 0 || !email.trim() || !description.trim()}>
              {t('Send to support')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
