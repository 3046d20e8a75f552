//! The QR code of `kam today --qr`, read back by a decoder (rqrr) from the text printed: the
//! code must carry exactly the day and its visits as `visits::today::qr_payload` words them
//! (the date, then one line a visit: time · account · address · contact · phone), cut to whole
//! visits when they do not fit, and what was cut is said below the code.

use crate::support::*;
use kam::domain::*;

/// The printed half blocks back into a greyscale picture. Each character is two modules,
/// top and bottom; kam draws the light modules filled (dark on a light terminal's colours
/// reversed: `dark_color(Light)`), so a filled half is white and an empty one black. Each
/// module becomes `scale`×`scale` pixels, as a camera would see it.
fn picture(rows: &[&str], scale: usize) -> (usize, usize, Vec<u8>) {
    let cells: Vec<Vec<char>> = rows.iter().map(|r| r.chars().collect()).collect();
    let (w, h) = (cells[0].len(), cells.len() * 2);
    let light = |x: usize, y: usize| {
        let c = cells[y / 2][x];
        matches!((c, y % 2), ('█', _) | ('▀', 0) | ('▄', 1))
    };
    let mut pixels = Vec::with_capacity(w * h * scale * scale);
    for py in 0..h * scale {
        for px in 0..w * scale {
            pixels.push(if light(px / scale, py / scale) {
                255
            } else {
                0
            });
        }
    }
    (w * scale, h * scale, pixels)
}

/// What the code printed in `out` says.
fn decode(out: &str) -> String {
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| !l.is_empty() && l.chars().all(|c| " ▀▄█".contains(c)))
        .collect();
    assert!(rows.len() > 10, "no code in: {out}");
    let (w, h, pixels) = picture(&rows, 4);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code found");
    grids[0].decode().expect("the code reads").1
}

/// Five visits on 2026-11-24 at 杭州 accounts, each line 1 + 89 bytes or so: four fit in the
/// 400 bytes of the code, the fifth is left out and said so.
fn five_visits(db: &TempDb) {
    let mut s = db.writer();
    for i in 0..5u32 {
        let mut a = Account {
            code: format!("K00{i}"),
            name: format!("杭州青禾电子有限公司{i}"),
            short_name: Some(format!("青禾{i}")),
            province: Some("浙江省".into()),
            city: Some("杭州市".into()),
            district: Some("西湖区".into()),
            street: Some(format!("文三路 9{i} 号")),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut c = Contact {
            account_id: a.id,
            name: format!("王芳{i}"),
            mobile: Some(format!("1380000111{i}")),
            is_primary: true,
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        let mut p = VisitPlan {
            account_id: a.id,
            planned_at: Some(datetime(&format!("2026-11-24 {:02}:30", 9 + i))),
            purpose: Some("送样".into()),
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
    }
}

#[test]
fn the_printed_code_reads_back_as_the_days_visits() {
    let db = TempDb::new();
    five_visits(&db);
    let o = kam_db(
        &db.path,
        &["--lang", "en", "today", "--date", "2026-11-24", "--qr"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = |i: u32| {
        format!(
            "{:02}:30 · 青禾{i} · 浙江省杭州市西湖区文三路 9{i} 号 · 王芳{i} · 1380000111{i}",
            9 + i
        )
    };
    let mut expected = "2026-11-24".to_string();
    for i in 0..4 {
        expected.push('\n');
        expected.push_str(&line(i));
    }
    assert_eq!(decode(&out), expected);
    assert!(expected.len() <= kam::visits::today::QR_BYTES);
    assert!(expected.len() + 1 + line(4).len() > kam::visits::today::QR_BYTES);
    // The fifth visit is listed above the code and said to be left out of it.
    assert!(out.contains(&format!("K004 {}", line(4))), "{out}");
    assert!(out.contains("the first 4 of 5 visits; 1 left out"), "{out}");
}

#[test]
fn one_visit_reads_back_whole_in_both_languages() {
    let db = TempDb::new();
    {
        let mut s = db.writer();
        let mut a = Account {
            code: "K1".into(),
            name: "Acme Ltd".into(),
            city: Some("Leeds".into()),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut p = VisitPlan {
            account_id: a.id,
            planned_at: Some(datetime("2026-11-24 15:00")),
            contact: Some("Jo Smith".into()),
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
    }
    for lang in ["en", "zh"] {
        let o = kam_db(
            &db.path,
            &["--lang", lang, "today", "--date", "2026-11-24", "--qr"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            decode(&stdout(&o)),
            "2026-11-24\n15:00 · Acme Ltd · Leeds · Jo Smith"
        );
    }
}
