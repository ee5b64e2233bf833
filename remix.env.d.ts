/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch is on (remix.config.js): loader and action types unwrap `data()` accordingly.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export {}
