// scratch: run SQL against a db with the bundled SQLite, print rows and time
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let conn = rusqlite::Connection::open(&a[1]).unwrap();
    for sql in &a[2..] {
        let t = std::time::Instant::now();
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        let mut c = 0;
        while let Some(r) = rows.next().unwrap() {
            c += 1;
            if c <= 5 {
                let v: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                println!("{}", v.join(" | "));
            }
        }
        println!(
            "-- {} rows, {:.3} ms",
            c,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}
