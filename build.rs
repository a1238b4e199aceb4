// Migrations are embedded into the binary; a new or changed migration must rebuild it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
