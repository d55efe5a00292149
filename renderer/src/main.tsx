import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/overlays.css';
import './styles/table.css';
import './styles/cards.css';
import './styles/screens.css';
import './styles/pipeline.css';
import './styles/ai.css';
import './styles/editors.css';
import './styles/work.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
