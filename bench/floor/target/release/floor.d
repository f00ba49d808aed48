/work/main/bench/floor/target/release/floor: /work/main/bench/floor/src/main.rs
