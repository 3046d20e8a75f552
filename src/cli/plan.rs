//! `kam plan week` and `kam plan cadence`: the week kam proposes, accepted as a whole from the
//! command line (the planner screen takes them one by one), and the cadence it follows.

use super::commands::PlanWhat;
use super::Invocation;
use crate::domain::{PlanStatus, VisitPlan};
use crate::i18n::{t, t_args, Arg};
use crate::visits::cadence::Cadence;
use crate::visits::week_plan::propose_week;
use anyhow::Result;
use std::io::Write;

pub fn plan(cx: &Invocation, what: &PlanWhat, out: &mut impl Write) -> Result<()> {
    match what {
        PlanWhat::Week { date, accept } => week(cx, date.as_deref(), *accept, out),
        PlanWhat::Cadence { set } => cadence(cx, set, out),
    }
}

fn week(cx: &Invocation, date: Option<&str>, accept: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let today = store.now().date();
    let day = match date {
        Some(d) => crate::domain::when::parse_date_on(d, today).map_err(anyhow::Error::new)?,
        None => today,
    };
    let grades = crate::analytics::computed_grades(&store, today)?;
    let plan = propose_week(&store, day, today, &grades)?;
    drop(store);
    out.write_all(plan.to_text(cx.lang).as_bytes())?;
    let count = plan.proposal_count();
    if count == 0 {
        let id = if plan.not_fitted.is_empty() {
            "week-plan-nothing"
        } else {
            "week-plan-full"
        };
        writeln!(out, "\n{}", t(cx.lang, id))?;
        return Ok(());
    }
    let n = [("count", Arg::Num(count as i64))];
    if !accept {
        writeln!(out, "\n{}", t_args(cx.lang, "week-plan-accept-hint", &n))?;
        return Ok(());
    }
    let purpose = t(cx.lang, "week-plan-purpose");
    let mut store = cx.write()?;
    store.write(|w| {
        for p in plan.days.iter().flat_map(|d| &d.proposals) {
            let mut visit = VisitPlan {
                account_id: p.account_id,
                planned_at: p.at,
                purpose: Some(purpose.clone()),
                status: Some(PlanStatus::Planned),
                ..Default::default()
            };
            w.insert(&mut visit)?;
        }
        Ok(())
    })?;
    writeln!(out, "\n{}", t_args(cx.lang, "week-plan-accepted", &n))?;
    Ok(())
}

fn cadence(cx: &Invocation, set: &[String], out: &mut impl Write) -> Result<()> {
    let c = if set.is_empty() {
        Cadence::load(&cx.read()?)?
    } else {
        let mut store = cx.write()?;
        let c = Cadence::load(&store)?.with(&set.join(" "))?;
        c.save(&mut store)?;
        c
    };
    let d = |i: usize| Arg::Num(c.days[i] as i64);
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "cadence-shown",
            &[
                ("a", d(0)),
                ("b", d(1)),
                ("c", d(2)),
                ("d", d(3)),
                ("e", d(4))
            ]
        )
    )?;
    Ok(())
}
