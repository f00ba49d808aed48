/work/main/bench/floor/target/release/deps/floor-2e2d0648daa6a196.d: src/main.rs

/work/main/bench/floor/target/release/deps/floor-2e2d0648daa6a196: src/main.rs

src/main.rs:
