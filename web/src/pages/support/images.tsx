/**
 * Images on tickets: picking them (checked in the browser before anything is uploaded, with the
 * same rules the server applies), previewing them, and showing stored ones. The server types a file
 * from its first bytes, not from its name or the type the browser guesses from the name, so the
 * picker does the same: a text file renamed .png is refused here with a message instead of failing
 * the whole upload.
 */
import { type ChangeEvent, useEffect, useState } from 'react';
import { Button } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';

export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface PickedImage {
  id: number;
  file: File;
  preview: string;
}

let nextImageId = 1;

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The image type of these first bytes (PNG, JPEG, WebP or GIF, as the server accepts), or null. */
export function sniffImage(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  return null;
}

/** Picked images for one file input: `max` of them, each a real image of at most 5 MB. */
export function useImagePicker(max: number) {
  const { t } = useI18n();
  const [files, setFiles] = useState<PickedImage[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    const found: string[] = [];
    // One image inputs (ID photo, selfie) replace their image; the screenshot input adds to its list.
    const next = max === 1 ? [] : [...files];
    for (const file of picked) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        found.push(t('{name}: larger than 5 MB.', { name: file.name }));
        continue;
      }
      const type = sniffImage(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
      if (!type) found.push(t('{name}: not a PNG, JPEG, WebP or GIF image.', { name: file.name }));
      else if (next.length >= max) found.push(t('{name}: at most {n} images here.', { name: file.name, n: max }));
      else next.push({ id: nextImageId++, file, preview: await readAsDataUrl(file.slice(0, file.size, type)) });
    }
    if (max > 1 || next.length > 0) setFiles(next);
    setProblems(found);
  };
  const remove = (index: number) => setFiles((f) => f.filter((_, i) => i !== index));
  const clear = () => {
    setFiles([]);
    setProblems([]);
  };
  return { max, files, problems, add, remove, clear };
}

export type ImagePicker = ReturnType<typeof useImagePicker>;

export function ImagePickerField({ id, label, hint, picker }: { id: string; label: string; hint: string; picker: ImagePicker }) {
  const { t } = useI18n();
  const full = picker.max > 1 && picker.files.length >= picker.max;
  return (
    <div className={`field${picker.problems.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        multiple={picker.max > 1}
        onChange={(e) => void picker.add(e)}
        disabled={full}
        aria-describedby={`${id}-hint${picker.problems.length > 0 ? ` ${id}-problems` : ''}`}
        aria-invalid={picker.problems.length > 0 ? true : undefined}
      />
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {picker.problems.length > 0 ? (
        <div id={`${id}-problems`} role="alert">
          {picker.problems.map((p) => (
            <p key={p} className="problem">
              {p}
            </p>
          ))}
        </div>
      ) : null}
      {picker.files.length > 0 ? (
        <ul className="previews" aria-label={t('Chosen images')}>
          {picker.files.map((f, i) => (
            <li key={f.id}>
              <img src={f.preview} alt={t('Preview of {name}', { name: f.file.name })} />
              <Button variant="quiet" onClick={() => picker.remove(i)}>
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

/** The screenshot picker of a message: up to 3 images. */
export function ScreenshotPicker({ picker }: { picker: ImagePicker }) {
  const { t } = useI18n();
  return (
    <ImagePickerField id="attachments" label={t('Screenshots (optional)')} hint={t('PNG, JPEG, WebP or GIF, up to 5 MB each, at most 3.')} picker={picker} />
  );
}

/**
 * A stored image, read with the caller's credentials (the ticket's access token, or the session
 * cookie when `authorization` is absent) and shown as a data: URL: the server sends files as
 * downloads, and the page's CSP allows images from data: but not blob: URLs.
 */
export function StoredImage({ path, authorization, alt }: { path: string; authorization?: string | undefined; alt: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setSrc(null);
    setFailed(false);
    fetch(path, { headers: authorization ? { authorization } : {}, credentials: 'same-origin', cache: 'no-store', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const url = await readAsDataUrl(await response.blob());
        if (!controller.signal.aborted) setSrc(url);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [path, authorization]);
  if (failed) return <p className="small">{t('The image could not be loaded.')}</p>;
  if (!src) return <p className="small">{t('Loading…')}</p>;
  return <img className="ticket-image" src={src} alt={alt} />;
}

/** Adds a picker's files to a multipart form under `field`. */
export function appendImages(form: FormData, field: string, picker: ImagePicker): void {
  for (const f of picker.files) form.append(field, f.file, f.file.name);
}
