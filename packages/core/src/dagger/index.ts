// Container builders for the Dagger engine (issue 7). Import this subpath only where the
// container engine is used: loading the SDK costs about 1.5 s.
export {};
