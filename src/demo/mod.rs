//! Realistic generated data. (Placeholder until the generator lands.)

use crate::store::Store;
use anyhow::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: usize,
    pub contacts: usize,
    pub records: usize,
}

pub fn generate(store: &mut Store, accounts: usize, seed: u64) -> Result<DemoSummary> {
    let _ = (store, seed);
    Ok(DemoSummary {
        accounts,
        ..Default::default()
    })
}
