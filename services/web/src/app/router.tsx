import { createElement, lazy, type ComponentType } from 'react';
import { matchRoutes, Outlet, useRoutes, type RouteObject } from 'react-router';
import { SignInCallbackPage } from '../features/auth/sign-in-callback';
import { SessionEndedPage, SignedOutPage } from '../features/auth/signed-out';
import { HomePage, NotFoundPage } from '../features/home/home-page';
import { AppLayout } from './layout';
import { RequireSignIn } from './require-sign-in';

/**
 * An area's chunk, loaded once. Once it is there its pages render at once: a fresh `React.lazy` would suspend on
 * every first visit, and React reveals a suspended page on a 300 ms beat, once per nested layout.
 */
const chunk = <M,>(load: () => Promise<M>) => {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return { loaded: () => loaded, load: () => (loading ??= load().then((module) => (loaded = module))) };
};
type Chunk<M> = ReturnType<typeof chunk<M>>;

/** A page of an area's chunk, so a partner never downloads the administrator's pages. */
const page = <M,>(area: Chunk<M>, pick: (module: M) => ComponentType) => {
  const Loading = lazy(async () => ({ default: pick(await area.load()) }));
  function Page() {
    const module = area.loaded();
    // `pick` returns the module's own component, the same one at every render.
    return createElement(module ? pick(module) : Loading);
  }
  return { element: <Page />, handle: { area } };
};
const admin = chunk(() => import('../features/admin/admin-area'));
const partner = chunk(() => import('../features/partner/partner-area'));
const invitationAccept = chunk(() => import('../features/invitation-accept/invitation-accept-page'));

/** The pages of a partner's workspace: for its users under /portal, for administrators read-only under their view. */
const workspacePages = (readOnly: boolean): RouteObject[] => [
  { index: true, ...page(partner, (m) => m.PartnerHomePage) },
  { path: 'documents/:type', ...page(partner, (m) => m.DocumentsPage) },
  { path: 'documents/:type/:documentId', ...page(partner, (m) => m.DocumentPage) },
  { path: 'stock', ...page(partner, (m) => m.StockPage) },
  { path: 'stock/license-plates/:licensePlate', ...page(partner, (m) => m.LicensePlatePage) },
  { path: 'orders', ...page(partner, (m) => m.OrdersPage) },
  ...(readOnly
    ? []
    : [
        { path: 'orders/new', ...page(partner, (m) => m.OrderWizardPage) },
        { path: 'orders/upload', ...page(partner, (m) => m.OrderUploadPage) },
        { path: 'colleagues', ...page(partner, (m) => m.ColleaguesPage) },
      ]),
  { path: 'orders/:portalOrderId', ...page(partner, (m) => m.OrderPage) },
];

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'auth/callback', element: <SignInCallbackPage /> },
      { path: 'signed-out', element: <SignedOutPage /> },
      { path: 'session-ended', element: <SessionEndedPage /> },
      {
        path: 'invitations/accept',
        ...page(invitationAccept, (m) => m.InvitationAcceptPage),
      },
      {
        element: (
          <RequireSignIn>
            <Outlet />
          </RequireSignIn>
        ),
        children: [
          { path: 'admin', ...page(admin, (m) => m.AdminHomePage) },
          {
            path: 'admin/:tenantId',
            ...page(admin, (m) => m.AdminLayout),
            children: [
              { index: true, ...page(admin, (m) => m.CollaborateExchangePage) },
              { path: 'invite', ...page(admin, (m) => m.InvitePage) },
              { path: 'invitations', ...page(admin, (m) => m.InvitationsPage) },
              { path: 'portal-users', ...page(admin, (m) => m.PortalUsersPage) },
              { path: 'licenses', ...page(admin, (m) => m.LicensesPage) },
              { path: 'administrators', ...page(admin, (m) => m.AdministratorsPage) },
              { path: 'connector-keys', ...page(admin, (m) => m.ConnectorKeysPage) },
              { path: 'connector-webhooks', ...page(admin, (m) => m.ConnectorWebhooksPage) },
              { path: 'settings', ...page(admin, (m) => m.SettingsPage) },
              { path: 'partners', ...page(admin, (m) => m.PartnerPickerPage) },
              {
                path: 'partners/:environment/:companyId/:partnerType/:partnerNo',
                ...page(admin, (m) => m.AdminPartnerLayout),
                children: workspacePages(true),
              },
            ],
          },
          {
            path: 'portal',
            ...page(partner, (m) => m.PartnerLayout),
            children: workspacePages(false),
          },
          { path: 'me', ...page(partner, (m) => m.MePage) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/**
 * Loads the chunks of the address's pages alongside the app's configuration, as a data router would, before rendering.
 * A chunk that fails is the page's to report (see RouteError).
 */
export const loadPagesOf = (pathname: string): Promise<unknown> =>
  Promise.all(
    (matchRoutes(routes, pathname) ?? []).map(({ route }) =>
      (route.handle as { area?: Chunk<unknown> })?.area?.load().catch(() => undefined),
    ),
  );

/** The page for the address (declarative routing: the data router's loaders are not used, and weigh 16 kB gzip). */
export const AppRoutes = () => useRoutes(routes);
