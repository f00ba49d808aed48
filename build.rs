//! Rebuilds toolkit when a file is added to the built-in theme or the starter site, which are
//! compiled into the binary.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/starter");
}
