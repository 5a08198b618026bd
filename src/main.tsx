import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App';
import './ui/app/app.css';
import { bootFromUrl } from './app/boot';
import { isolateThroughServiceWorker } from './app/coiServiceWorker';

async function start(): Promise<void> {
  if (__LOCKSTEP_COI_SW__ && (await isolateThroughServiceWorker())) return;
  bootFromUrl();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
