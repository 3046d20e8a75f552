//! The quick visit record and visit plans: what `r` opens, what saving a visit also does
//! (new contacts, the next plan, the carried-out plan marked done), and the warning for a
//! plan at an account's unsuitable visit time.

use super::detail::DetailState;
use super::form::{Form, FormTarget, Saved};
use super::App;
use super::SearchPurpose;
use crate::domain::visit_time::is_unsuitable;
use crate::domain::*;
use crate::store::Store;
use anyhow::{anyhow, Result};
use serde_json::{Map, Value};

/// Names in "person met" as people type them: `张三、李四`, `Jane, Bob`.
pub fn names(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；', '/'])
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

impl App {
    /// `r`: on an account's screen the record is for that account; elsewhere the finder
    /// comes first.
    pub(super) fn record_visit(&mut self) -> Result<()> {
        match self.shown::<DetailState>() {
            Some(d) => {
                let id = d.account_id();
                self.visit_form(id, None)
            }
            None => {
                self.open_search_for(SearchPurpose::RecordVisit);
                Ok(())
            }
        }
    }

    /// A visit record for an account: today, filled by the user, the account's contacts to
    /// pick from; from a plan, its contact and the plan marked done on save.
    pub(super) fn visit_form(&mut self, account_id: i64, plan: Option<&VisitPlan>) -> Result<()> {
        let mut form = Form::new_record(RecordKind::VisitReport, account_id, self.today);
        form.set_text("filled_by", &self.store.filler()?);
        let contacts: Vec<Contact> = self.store.list(account_id)?;
        let mut names: Vec<String> = contacts.iter().map(|c| c.name.clone()).collect();
        names.sort_by_key(|n| !contacts.iter().any(|c| c.is_primary && &c.name == n));
        form.set_suggestions("person_met", names);
        if let Some(p) = plan {
            form.set_text("person_met", p.contact.as_deref().unwrap_or(""));
            if let Some(at) = p.planned_at {
                form.set_text("date", &at.date().to_string());
            }
            form.origin_plan = Some(p.id);
        }
        let account = self.store.get::<Account>(account_id)?;
        form.warning = account.map(|a| format!("{} · {}", a.code, a.name));
        form.focus = 1;
        form.settle();
        self.form = Some(form);
        Ok(())
    }

    /// A new visit plan for an account, showing its unsuitable visit times.
    pub(super) fn plan_form(&mut self, account_id: i64) -> Result<()> {
        let mut form = Form::new_record(RecordKind::VisitPlan, account_id, self.today);
        let account = self.store.get::<Account>(account_id)?;
        let contacts: Vec<Contact> = self.store.list(account_id)?;
        form.set_suggestions("contact", contacts.into_iter().map(|c| c.name).collect());
        form.warning = account
            .and_then(|a| a.unsuitable_visit_times)
            .filter(|t| !t.trim().is_empty())
            .map(|t| format!("{}: {t}", self.t("field-unsuitable_visit_times")));
        self.form = Some(form);
        Ok(())
    }

    /// Before a plan is saved: a time in the account's unsuitable visit times is named beside
    /// the field, and a second Ctrl-S keeps it anyway.
    pub(super) fn unsuitable_plan_warning(
        &mut self,
        target: FormTarget,
        values: &Map<String, Value>,
    ) -> Result<bool> {
        let account_id = match target {
            FormTarget::New {
                kind: RecordKind::VisitPlan,
                account_id,
            } => account_id,
            FormTarget::Edit {
                kind: RecordKind::VisitPlan,
                ..
            } => values
                .get("account_id")
                .and_then(|v| v.as_i64())
                .unwrap_or(0),
            _ => return Ok(false),
        };
        let Some(form) = &mut self.form else {
            return Ok(false);
        };
        // A plan kept at its time was warned about when the time was chosen.
        let kept_time = matches!(target, FormTarget::Edit { .. }) && !form.changed("planned_at");
        if form.acknowledged || kept_time {
            return Ok(false);
        }
        let at = values
            .get("planned_at")
            .and_then(|v| v.as_str())
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok());
        let text = self
            .store
            .get::<Account>(account_id)?
            .and_then(|a| a.unsuitable_visit_times);
        if let (Some(at), Some(text)) = (at, text) {
            if is_unsuitable(&text, at) {
                let i = form
                    .fields
                    .iter()
                    .position(|f| f.key == "planned_at")
                    .unwrap_or(0);
                form.errors[i] = Some(crate::i18n::t_args(
                    self.lang,
                    "plan-unsuitable",
                    &[("times", text.into())],
                ));
                form.focus = i;
                form.acknowledged = true;
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl App {
    /// Before a visit is saved: names of people met who are not contacts of the account are
    /// asked about once, with the contacts they may be (唐总 → 唐帆), since saving makes them
    /// new contacts; Ctrl-S again saves them as typed.
    pub(super) fn new_people_warning(&mut self, target: FormTarget) -> bool {
        if !matches!(
            target,
            FormTarget::New {
                kind: RecordKind::VisitReport,
                ..
            }
        ) {
            return false;
        }
        let lang = self.lang;
        let Some(form) = &mut self.form else {
            return false;
        };
        let Some(i) = form.fields.iter().position(|f| f.key == "person_met") else {
            return false;
        };
        let text = form.inputs[i].text().to_string();
        if form.new_people_asked.as_deref() == Some(text.as_str()) {
            return false;
        }
        let known = &form.suggestions[i];
        let new: Vec<String> = names(&text)
            .into_iter()
            .filter(|n| !known.contains(n))
            .collect();
        if new.is_empty() {
            return false;
        }
        let maybe: Vec<&str> = new
            .iter()
            .flat_map(|n| form.editor.people_named(i, n))
            .collect();
        let message = if maybe.is_empty() {
            crate::i18n::t_args(
                lang,
                "visit-new-people",
                &[("names", new.join("、").into())],
            )
        } else {
            crate::i18n::t_args(
                lang,
                "visit-new-people-maybe",
                &[
                    ("names", new.join("、").into()),
                    ("maybe", maybe.join("、").into()),
                ],
            )
        };
        form.errors[i] = Some(message);
        form.focus = i;
        form.new_people_asked = Some(text);
        true
    }
}

/// Saves a new visit record in one transaction with what it implies: people met who are not
/// yet contacts become contacts, a next visit date becomes a plan, and the plan it carried
/// out is marked done.
pub fn save_new_visit(
    store: &mut Store,
    account_id: i64,
    mut map: Map<String, Value>,
    origin_plan: Option<i64>,
) -> Result<Saved> {
    map.retain(|_, v| !v.is_null());
    let mut visit: VisitReport = serde_json::from_value(Value::Object(map))?;
    visit.account_id = account_id;
    if let Err(invalid) = visit.validate() {
        return Ok(Saved::Invalid(invalid));
    }
    let known: Vec<String> = store
        .list::<Contact>(account_id)?
        .into_iter()
        .map(|c| c.name)
        .collect();
    let done_plan = match origin_plan {
        Some(id) => Some(
            store
                .get::<VisitPlan>(id)?
                .ok_or_else(|| anyhow!("the plan no longer exists"))?,
        ),
        None => None,
    };
    store.write(|w| {
        w.insert(&mut visit)?;
        for name in names(visit.person_met.as_deref().unwrap_or("")) {
            if !known.contains(&name) {
                w.insert(&mut Contact {
                    account_id,
                    ..Contact::new(&name)
                })?;
            }
        }
        if let Some(next) = visit.next_visit {
            let mut plan = VisitPlan {
                account_id,
                planned_at: next.and_hms_opt(9, 0, 0),
                contact: visit.person_met.clone(),
                purpose: visit.watch_next_time.clone(),
                method: Some(VisitMethod::Visit),
                status: Some(PlanStatus::Planned),
                ..Default::default()
            };
            w.insert(&mut plan)?;
        }
        if let Some(mut plan) = done_plan {
            plan.status = Some(PlanStatus::Done);
            w.update(&mut plan)?;
        }
        Ok(())
    })?;
    Ok(Saved::Ok(visit.id))
}
