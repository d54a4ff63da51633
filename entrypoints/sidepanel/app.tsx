import { createRoot } from 'react-dom/client';
import { Dashboard } from '@/components/panel/Dashboard';
import '@/components/panel/panel.css';
import { AppBoundary } from '@/components/panel/ViewBoundary';

createRoot(document.getElementById('root')!).render(
  <AppBoundary>
    <Dashboard variant="panel" />
  </AppBoundary>,
);
