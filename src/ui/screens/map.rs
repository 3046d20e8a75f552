//! Places on a map: ratatui's world map on a canvas, zoomed to China (lon 73–135, lat 18–54)
//! when every point is there, the route's legs as lines from home through each numbered stop
//! and back, or the accounts as dots; a route's stops listed beside the map when there is room.

use crate::app::screens::map::{MapOf, MapState, CHINA};
use crate::app::App;
use crate::i18n::t_args;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Leg, Map, MapResolution, Points};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// The stops' list beside the map, when the window is at least this wide.
const LIST_FROM_WIDTH: u16 = 70;
const LIST_WIDTH: u16 = 26;
/// Up to this many accounts each is marked with a character that stands out from the map.
const MARKED_UP_TO: usize = 500;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, m: &MapState) {
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let count = m.stops.len().to_string();
    let mut title = match &m.of {
        MapOf::Route { day, km } => t_args(
            app.lang,
            "places-map-route-title",
            &[
                ("day", day.to_string().into()),
                ("count", count.into()),
                ("km", format!("{km:.0}").into()),
            ],
        ),
        MapOf::Accounts => t_args(
            app.lang,
            "places-map-accounts-title",
            &[("count", count.into())],
        ),
    };
    if m.unplaced > 0 {
        let more = t_args(
            app.lang,
            "places-map-unplaced",
            &[("count", m.unplaced.to_string().into())],
        );
        title = format!("{title} · {more}");
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {title} "), theme::title()),
            Span::styled(format!(" {}", app.t("places-map-hint")), theme::dim()),
        ])),
        top,
    );
    let route = matches!(m.of, MapOf::Route { .. });
    let (map_area, list_area) = if route && body.width >= LIST_FROM_WIDTH {
        let [a, b] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(LIST_WIDTH)]).areas(body);
        (a, Some(b))
    } else {
        (body, None)
    };
    let china = m.in_china();
    let (xs, ys) = if china {
        CHINA
    } else {
        ([-180.0, 180.0], [-90.0, 90.0])
    };
    let home = app.t("places-map-home");
    let canvas = Canvas::default().x_bounds(xs).y_bounds(ys).paint(|ctx| {
        ctx.draw(&Map {
            color: Color::DarkGray,
            resolution: if china {
                MapResolution::High
            } else {
                MapResolution::Low
            },
        });
        ctx.layer();
        if route {
            let mut way: Vec<(f64, f64)> = m.home.iter().map(|p| (p.lon, p.lat)).collect();
            way.extend(m.stops.iter().map(|s| (s.point.lon, s.point.lat)));
            way.extend(m.home.iter().map(|p| (p.lon, p.lat)));
            for leg in way.windows(2) {
                ctx.draw(&Leg {
                    x1: leg[0].0,
                    y1: leg[0].1,
                    x2: leg[1].0,
                    y2: leg[1].1,
                    color: Color::Yellow,
                });
            }
            if let Some(h) = m.home {
                ctx.print(h.lon, h.lat, Span::styled(home.clone(), theme::key()));
            }
            for (i, s) in m.stops.iter().enumerate() {
                let n = (i + 1).to_string();
                ctx.print(s.point.lon, s.point.lat, Span::styled(n, theme::title()));
            }
        } else if m.stops.len() <= MARKED_UP_TO {
            for s in &m.stops {
                ctx.print(s.point.lon, s.point.lat, Span::styled("●", theme::warn()));
            }
        } else {
            // Many accounts: a dot each, finer than a cell.
            let coords: Vec<(f64, f64)> =
                m.stops.iter().map(|s| (s.point.lon, s.point.lat)).collect();
            ctx.draw(&Points {
                coords: &coords,
                color: Color::LightRed,
            });
        }
    });
    frame.render_widget(canvas, map_area);
    if let Some(list) = list_area {
        let lines: Vec<Line> = if m.stops.is_empty() {
            vec![Line::styled(app.t("places-map-empty"), theme::dim())]
        } else {
            m.stops
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    Line::from(vec![
                        Span::styled(format!("{:>2} ", i + 1), theme::title()),
                        Span::raw(format!("{} {}", s.code, s.name)),
                    ])
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::LEFT)),
            list,
        );
    }
}
