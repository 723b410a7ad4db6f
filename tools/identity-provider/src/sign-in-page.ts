const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;margin:.4rem 0;box-sizing:border-box}input,button{padding:.5rem;font-size:1rem}
button{background:#0f6cbd;color:#fff;border:0;border-radius:4px;cursor:pointer}button.secondary{background:#fff;color:#0f6cbd;border:1px solid #0f6cbd}
button:focus-visible,input:focus-visible{outline:2px solid #000;outline-offset:2px}.error{color:#a00}`;

/** The sign-in form of an interaction; `error` says why the last attempt failed. */
export function signInPage(uid: string, clientName: string, error?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
<h1>Sign in</h1>
<p>to ${escape(clientName)} (development identity provider)</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
  <label for="username">User name</label><input id="username" name="username" required autofocus>
  <label for="password">Password</label><input id="password" name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>
</body>
</html>`;
}

/** The question of RP-initiated sign-out; `form` is the provider's hidden form that carries the request. */
export function signOutPage(form: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign out</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
<h1>Sign out</h1>
<p>Sign out of the development identity provider, and so of the Partner Portal?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button class="secondary" type="submit" form="op.logoutForm">Stay signed in</button>
</body>
</html>`;
}
