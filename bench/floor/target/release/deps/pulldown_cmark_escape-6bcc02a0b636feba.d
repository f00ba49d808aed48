/work/main/bench/floor/target/release/deps/pulldown_cmark_escape-6bcc02a0b636feba.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pulldown-cmark-escape-0.11.0/src/lib.rs

/work/main/bench/floor/target/release/deps/libpulldown_cmark_escape-6bcc02a0b636feba.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pulldown-cmark-escape-0.11.0/src/lib.rs

/work/main/bench/floor/target/release/deps/libpulldown_cmark_escape-6bcc02a0b636feba.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pulldown-cmark-escape-0.11.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pulldown-cmark-escape-0.11.0/src/lib.rs:
