import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by Pricebook at /dashboard/ (src/http/dashboard.ts), so every asset URL starts there.
export default defineConfig({
  root: import.meta.dirname,
  base: '/dashboard/',
  plugins: [react()],
  build: { outDir: '../dist/dashboard', emptyOutDir: true, sourcemap: false },
});
