fn main() { let _ = phoihop::build(phoihop::Config::new("x.db")); }
