import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App';
import './ui/app/app.css';
import { useAppStore } from './app/appStore';
import { bootFromUrl } from './app/boot';
import { missingIsolation } from './app/isolation';
import { prewarmPythonLab } from './ui/python/PythonLab';
import { isolateThroughServiceWorker } from './app/coiServiceWorker';

async function start(): Promise<void> {
  if (__LOCKSTEP_COI_SW__ && (await isolateThroughServiceWorker())) return;
  bootFromUrl();
  // The Python lab's interpreters take seconds of CPU to load: begin before React's first render
  // (on an isolated page only; the other shows what is missing and runs nothing).
  if (useAppStore.getState().lab === 'python' && missingIsolation().length === 0) prewarmPythonLab();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
