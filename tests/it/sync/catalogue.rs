//! The product catalogue travels to the team (server step 7): the manager writes it, every
//! rep reads it and picks its products on deals; a rep's own change to it is refused, told in
//! one sentence, kept on the server for the manager, and replaced by the team's version.

use super::{account, Team, BOSS};
use kam::domain::*;

fn product(number: &str, name: &str, price_fen: i64) -> Product {
    Product {
        number: number.into(),
        name: name.into(),
        unit: Some("台".into()),
        price: Some(Money(price_fen)),
        ..Default::default()
    }
}

#[test]
fn the_managers_catalogue_reaches_every_rep_and_a_reps_change_is_refused_and_told() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    team.open(BOSS)
        .insert(&mut product("P0001", "数控车床", 125_000_000))
        .unwrap();
    team.sync(BOSS);
    team.open("li").insert(&mut account("华东机电")).unwrap();
    let out = team.sync("li");
    assert!(!out.contains("refused"), "{out}");

    // li has the team's product and picks it on a deal, which reaches the manager.
    let li = team.open("li");
    let picked = li
        .product_named("数控车床")
        .unwrap()
        .expect("the team's product is on li's laptop");
    assert_eq!(picked.price, Some(Money(125_000_000)));
    let account_id = li.all::<Account>().unwrap()[0].id;
    drop(li);
    team.open("li")
        .insert(&mut Deal {
            account_id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
            product: picked.name.clone(),
            quantity: Some(2),
            unit_price: picked.price,
            ..Default::default()
        })
        .unwrap();
    team.sync("li");
    team.sync(BOSS);
    let deals: Vec<Deal> = team.open(BOSS).all().unwrap();
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0].product, "数控车床");

    // li changes the price and adds a product of their own, offline.
    {
        let mut li = team.open("li");
        let mut p = li.product_named("数控车床").unwrap().unwrap();
        p.price = Some(Money(1));
        li.update(&mut p).unwrap();
        li.insert(&mut product("", "李的样品", 100)).unwrap();
    }
    let out = team.sync("li");
    let told: Vec<&str> = out.lines().filter(|l| l.starts_with("refused:")).collect();
    assert_eq!(told.len(), 2, "one sentence per refused change: {out}");
    assert!(
        told.iter()
            .all(|l| l.contains("catalogue is the manager's")),
        "{out}"
    );
    assert!(told.iter().any(|l| l.contains("李的样品")), "{out}");
    // Nothing lost: li's versions wait on the server for the manager …
    let kept = team.cluster.psql(
        "team",
        "SELECT vals->>'name', vals->>'price' FROM kam.rejected
          WHERE reason = 'the catalogue is the manager''s' ORDER BY vals->>'name'",
    );
    assert_eq!(kept.trim(), "数控车床|1\n李的样品|100", "{kept}");
    // … and li's laptop has the team's catalogue again, the manager's unchanged.
    let products: Vec<Product> = team.open("li").all().unwrap();
    assert_eq!(products.len(), 1, "{products:?}");
    assert_eq!(products[0].price, Some(Money(125_000_000)));
    team.sync(BOSS);
    let theirs: Vec<Product> = team.open(BOSS).all().unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].price, Some(Money(125_000_000)));
    // Told once: the next sync has nothing to say.
    let out = team.sync("li");
    assert!(!out.contains("refused"), "{out}");
}
