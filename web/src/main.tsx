import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionProvider } from './components/session';
import { I18nProvider } from './i18n/i18n';
import { RouterProvider } from './router';
// In this order: later files refine earlier ones, and the phone rules come last.
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/notices.css';
import './styles/security-center.css';
import './styles/tables-tickets.css';
import './styles/phones.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <RouterProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </RouterProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
