/**
 * `/support/new?category=&code=`: the ticket form (multipart POST /api/v1/tickets), filled in from
 * the error the user saw. Images are checked before upload (PNG, JPEG, WebP or GIF by their bytes,
 * 5 MB each, at most 3 screenshots) and previewed from data: URLs read locally. Tickets about a
 * frozen account or a lost second factor also take an ID photo and a selfie, which staff use to
 * check who is asking.
 */
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { type SupportPrefill, TICKET_CATEGORIES, type TicketCategory, deviceModelFromUserAgent } from '../../components/support-link';
import { Button, Card, Field, Notice, PageTitle, TextAreaField, usePageTitle } from '../../components/ui';
import { useAction, useRetryBlock } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { categoryLabel } from './labels';
import { ImagePickerField, MAX_ATTACHMENTS, ScreenshotPicker, appendImages, useImagePicker } from './images';

/** The categories where support checks the requester's identity before changing the account. */
const EVIDENCE_CATEGORIES: readonly TicketCategory[] = ['account_frozen', 'reset_2fa'];

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
  const attachments = useImagePicker(MAX_ATTACHMENTS);
  const idPhoto = useImagePicker(1);
  const selfie = useImagePicker(1);
  const asksForEvidence = EVIDENCE_CATEGORIES.includes(category);

  const send = useAction(async () => {
    const form = new FormData();
    form.set('email', email.trim());
    form.set('category', category);
    if (errorCode.trim()) form.set('errorCode', errorCode.trim());
    if (deviceModel.trim()) form.set('deviceModel', deviceModel.trim());
    if (occurredAt) form.set('occurredAt', new Date(occurredAt).toISOString());
    form.set('description', description.trim());
    appendImages(form, 'attachments', attachments);
    if (asksForEvidence) {
      appendImages(form, 'idPhoto', idPhoto);
      appendImages(form, 'selfie', selfie);
    }
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
                  {categoryLabel(t, c)}
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
          <Field label={t('Device')} name="deviceModel" value={deviceModel} onChange={(e) => setDeviceModel(e.target.value)} maxLength={100} />
          <TextAreaField
            label={t('What happened?')}
            rows={6}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={5000}
            problem={problems.description ?? null}
            required
          />
          <ScreenshotPicker picker={attachments} />
          {asksForEvidence ? (
            <fieldset className="evidence">
              <legend>{t('Proof of identity')}</legend>
              <p className="hint">
                {t(
                  'Support changes a frozen account or a second factor only after checking who is asking. The images are encrypted and deleted after the ticket is closed.',
                )}
              </p>
              <ImagePickerField
                id="id-photo"
                label={t('Photo of your ID document')}
                hint={t('Passport, ID card or driving licence; all four corners visible.')}
                picker={idPhoto}
              />
              <ImagePickerField
                id="selfie"
                label={t('Selfie holding the same document')}
                hint={t('Your face and the document both readable.')}
                picker={selfie}
              />
            </fieldset>
          ) : null}
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
