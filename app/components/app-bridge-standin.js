// A local stand-in for what Tend's pages use of App Bridge, for the demo opened in a plain browser
// (App Bridge's CDN script only works inside Shopify admin). Loaded by app/routes/app.tsx in demo
// mode only, as a classic script before the page's markup, so the ui-* elements are defined before
// React hydrates. Covers window.shopify (config, toast, saveBar, loading) and <ui-save-bar>.
// <ui-title-bar> stays hidden (each page's Polaris title is the visible heading) and <ui-nav-menu>
// undefined (app.tsx styles it as a plain top bar).
(() => {
  if (window.shopify) return;
  const script = document.currentScript;
  // Every toast shown, kept for whoever inspects the page (a person in devtools, a browser test).
  const toasts = [];
  window.__toasts = toasts;

  const STYLE = [
    "ui-title-bar{display:none}",
    "ui-save-bar{display:none}",
    "ui-save-bar[data-open]{display:flex;align-items:center;gap:8px;position:fixed;top:0;left:0;right:0;z-index:520;padding:10px 20px;background:#1a1a1a;color:#e3e3e3;font:500 14px/20px system-ui,sans-serif}",
    "ui-save-bar[data-open]::before{content:'Unsaved changes';margin-right:auto}",
    "ui-save-bar button{font:inherit;padding:6px 12px;border-radius:8px;border:1px solid #616161;background:#303030;color:#fff;cursor:pointer}",
    "ui-save-bar button[variant=primary]{background:#fff;color:#1a1a1a;border-color:#fff}",
    "ui-save-bar button:disabled{opacity:.6;cursor:default}",
    "#tend-toasts{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);z-index:530;display:grid;gap:8px;font:500 14px/20px system-ui,sans-serif}",
    "#tend-toasts>div{background:#303030;color:#fff;padding:10px 16px;border-radius:10px}",
    "#tend-toasts>div[data-error]{background:#8e1f0b}",
    "#tend-loading{position:fixed;top:0;left:0;height:3px;width:100%;z-index:540;background:#2c6ecb;transform-origin:left;animation:tend-loading 1.2s ease-out infinite}",
    "@keyframes tend-loading{from{transform:scaleX(0)}to{transform:scaleX(1)}}",
  ].join("");
  const style = document.createElement("style");
  style.textContent = STYLE;
  document.head.appendChild(style);

  function toastRegion() {
    let region = document.getElementById("tend-toasts");
    if (!region) {
      region = document.createElement("div");
      region.id = "tend-toasts";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  let toastSeq = 0;
  const toast = {
    show(message, options = {}) {
      const id = `toast-${++toastSeq}`;
      toasts.push({ id, message: String(message), isError: Boolean(options.isError) });
      const item = document.createElement("div");
      item.id = id;
      item.textContent = String(message);
      if (options.isError) item.setAttribute("data-error", "");
      toastRegion().appendChild(item);
      setTimeout(() => item.remove(), options.duration ?? 5000);
      return id;
    },
    hide(id) {
      document.getElementById(id)?.remove();
    },
  };

  const saveBarById = (id) => {
    const el = document.getElementById(id);
    return el && el.localName === "ui-save-bar" ? el : null;
  };

  window.shopify = {
    config: { apiKey: script?.dataset.apiKey ?? "", shop: script?.dataset.shop ?? "", locale: "en" },
    environment: { embedded: false, mobile: false, pos: false },
    toast,
    saveBar: {
      show: async (id) => saveBarById(id)?.show(),
      hide: async (id) => saveBarById(id)?.hide(),
      toggle: async (id) => saveBarById(id)?.toggle(),
      leaveConfirmation: async () => undefined,
    },
    loading(busy) {
      const bar = document.getElementById("tend-loading");
      if (busy && !bar) {
        const el = document.createElement("div");
        el.id = "tend-loading";
        el.setAttribute("aria-hidden", "true");
        document.body.appendChild(el);
      } else if (!busy && bar) bar.remove();
    },
  };

  // <ui-save-bar>: show()/hide()/toggle() and "show"/"hide" events, as App Bridge's element has;
  // when shown, its buttons (Save, Discard) appear in a bar across the top.
  class SaveBar extends HTMLElement {
    get showing() {
      return this.hasAttribute("data-open");
    }
    show() {
      if (this.showing) return;
      this.setAttribute("data-open", "");
      this.dispatchEvent(new Event("show"));
    }
    hide() {
      if (!this.showing) return;
      this.removeAttribute("data-open");
      this.dispatchEvent(new Event("hide"));
    }
    toggle() {
      if (this.showing) this.hide();
      else this.show();
    }
  }

  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", SaveBar);
})();
