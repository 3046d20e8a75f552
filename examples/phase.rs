// scratch: time the phases of building the finder
use kam::store::{Access, Store};
use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let s = Store::open(std::path::Path::new(&p), Access::Read).unwrap();
    eprintln!("open {:?}", t.elapsed());
    let t = Instant::now();
    let a = s.account_summaries().unwrap();
    eprintln!("summaries {:?} {}", t.elapsed(), a.len());
    let t = Instant::now();
    let c = s.contact_keys().unwrap();
    eprintln!("contacts {:?} {}", t.elapsed(), c.len());
    let t = Instant::now();
    let f = kam::search::Finder::new(a, c);
    eprintln!("finder {:?} {}", t.elapsed(), f.len());
    let t = Instant::now();
    drop(f);
    eprintln!("drop {:?}", t.elapsed());
}
