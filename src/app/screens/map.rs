//! Places on a map (issue 23): a day's planned visits in route order from the rep's home city
//! (`M` on the planner), or the accounts of the list as it is filtered (`M` on the list), as
//! points on ratatui's world map. Read-only: the points are worked out when it opens, from
//! each account's address (`geo::place`); an account kam cannot place is counted, not drawn.

use crate::app::screen::{ScreenState, View};
use crate::app::screens::list::ListState;
use crate::app::screens::planner::PlannerState;
use crate::app::{Action, App};
use crate::geo::{self, route, Point};
use anyhow::Result;
use chrono::NaiveDate;

/// One point drawn: its label (a stop's number, else nothing) and the account's code.
#[derive(Debug, Clone, PartialEq)]
pub struct MapStop {
    pub code: String,
    pub name: String,
    pub point: Point,
}

/// What the map shows.
#[derive(Debug, Clone, PartialEq)]
pub enum MapOf {
    /// A day's visits, in the order that travels least, with the kilometres of the whole way
    /// (from home and back when the home city is known).
    Route { day: NaiveDate, km: f64 },
    /// The accounts of the list as shown.
    Accounts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub of: MapOf,
    /// In the order drawn (a route's order for a day).
    pub stops: Vec<MapStop>,
    pub home: Option<Point>,
    /// Accounts whose address kam cannot place.
    pub unplaced: usize,
}

/// Mainland China, Hainan and Taiwan (lon 73–135, lat 18–54): the map zooms here when every
/// point is in it.
pub const CHINA: ([f64; 2], [f64; 2]) = ([73.0, 135.0], [18.0, 54.0]);

impl MapState {
    /// Whether every point (and home) lies in China's rectangle.
    pub fn in_china(&self) -> bool {
        let ([w, e], [s, n]) = CHINA;
        self.stops
            .iter()
            .map(|s| s.point)
            .chain(self.home)
            .all(|p| (w..=e).contains(&p.lon) && (s..=n).contains(&p.lat))
    }
}

impl App {
    /// A day's visits on the map, the cancelled left out: the day of the visit selected,
    /// else the first day shown.
    pub(in crate::app) fn open_route_map(&mut self) -> Result<()> {
        let Some(p) = self.shown::<PlannerState>() else {
            return Ok(());
        };
        let ordered = p.ordered();
        let day = ordered
            .get(p.selected)
            .and_then(|r| r.plan.planned_at.map(|t| t.date()))
            .unwrap_or(p.from);
        let ids: Vec<i64> = p
            .rows
            .iter()
            .filter(|r| r.plan.planned_at.map(|t| t.date()) == Some(day))
            // A cancelled visit is no stop: the rep does not drive there.
            .filter(|r| r.plan.status != Some(crate::domain::PlanStatus::Cancelled))
            .map(|r| r.plan.account_id)
            .collect();
        let home = self
            .store
            .profile()?
            .home_city
            .filter(|h| !h.trim().is_empty())
            .and_then(|h| geo::place(None, Some(&h), None))
            .map(|p| p.point);
        let mut placed = vec![];
        let mut unplaced = 0;
        for id in ids {
            let Some(a) = self.store.get::<crate::domain::Account>(id)? else {
                continue;
            };
            if placed.iter().any(|s: &MapStop| s.code == a.code) {
                continue;
            }
            match geo::place_account(
                (a.place_lat, a.place_lon),
                a.province.as_deref(),
                a.city.as_deref(),
                a.district.as_deref(),
            ) {
                Some(at) => placed.push(MapStop {
                    code: a.code,
                    name: a.name,
                    point: at.point,
                }),
                None => unplaced += 1,
            }
        }
        let points: Vec<Point> = placed.iter().map(|s| s.point).collect();
        let order = route::best_order(home, &points);
        let km = route::length_km(home, &points, &order);
        let stops = order.into_iter().map(|i| placed[i].clone()).collect();
        self.show(Box::new(MapState {
            of: MapOf::Route { day, km },
            stops,
            home,
            unplaced,
        }));
        Ok(())
    }

    /// The accounts of the list as filtered, placed as the day's route places them: the
    /// point set by hand first, else the district, city or province. The finder's summaries
    /// hold the province and city; the rest is read once from the store.
    pub(in crate::app) fn open_accounts_map(&mut self) -> Result<()> {
        let Some(l) = self.shown::<ListState>() else {
            return Ok(());
        };
        let finer = self.store.finer_places()?;
        let mut stops = vec![];
        let mut unplaced = 0;
        for &i in &l.rows {
            let a = self.finder.summary(i);
            let f = finer.get(&a.id).cloned().unwrap_or_default();
            match geo::place_account(f.point, a.province, a.city, f.district.as_deref()) {
                Some(at) => stops.push(MapStop {
                    code: a.code.to_string(),
                    name: a.name.to_string(),
                    point: at.point,
                }),
                None => unplaced += 1,
            }
        }
        self.show(Box::new(MapState {
            of: MapOf::Accounts,
            stops,
            home: None,
            unplaced,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_map(&mut self, action: Action) -> Result<()> {
        if action == Action::Back {
            self.go_back();
        }
        Ok(())
    }
}

impl ScreenState for MapState {
    fn view(&self) -> View {
        View::Map
    }
}
