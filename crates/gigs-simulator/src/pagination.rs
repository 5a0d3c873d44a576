//! Gigs list pagination: `after` / `before` cursors (object ids), `limit` from 0 to 200 (10 by
//! default), and `moreItemsAfter` / `moreItemsBefore` in the answer.

use porting_model::List;

use gigs_http::error::ApiError;

const DEFAULT_LIMIT: usize = List::<()>::DEFAULT_LIMIT;
const MAX_LIMIT: usize = List::<()>::MAX_LIMIT;

/// Which page of a list is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Only items after the one with this id.
    pub after: Option<String>,
    /// Only items before the one with this id.
    pub before: Option<String>,
    pub limit: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page { after: None, before: None, limit: DEFAULT_LIMIT }
    }
}

impl Page {
    /// The page asked for by a query string's `after`, `before` and `limit` (the last of each
    /// wins; other parameters are for the caller). An empty value counts as absent.
    pub fn from_query(query: &[(String, String)]) -> Result<Page, ApiError> {
        let limit = match query_value(query, "limit") {
            None => DEFAULT_LIMIT,
            Some(text) => text.parse().ok().filter(|limit| *limit <= MAX_LIMIT).ok_or_else(|| {
                ApiError::invalid_field(
                    "limit",
                    "outOfRange",
                    format!("Must be a whole number from 0 to {MAX_LIMIT}."),
                )
            })?,
        };
        Ok(Page { after: query_value(query, "after"), before: query_value(query, "before"), limit })
    }
}

/// The value of the query parameter `name`: the last one given, if it is not empty.
pub fn query_value(query: &[(String, String)], name: &str) -> Option<String> {
    query.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.clone()).filter(|v| !v.is_empty())
}

/// The page of `ordered`'s items that `keep` keeps, before or after a cursor (an unknown one is a
/// 422). Cursors are looked up among all items, so paging goes on after an item left the filter.
pub fn paginate<T: Clone>(
    ordered: &[&T],
    id: impl Fn(&T) -> &str,
    keep: impl Fn(&T) -> bool,
    page: &Page,
) -> Result<List<T>, ApiError> {
    let position = |cursor: &Option<String>, name: &str| -> Result<Option<usize>, ApiError> {
        cursor
            .as_deref()
            .map(|cursor| {
                ordered.iter().position(|item| id(item) == cursor).ok_or_else(|| {
                    ApiError::invalid_field(name, "unknownValue", "Is not the id of an item of this list.")
                })
            })
            .transpose()
    };
    let start = position(&page.after, "after")?.map_or(0, |after| after + 1);
    let end = position(&page.before, "before")?.unwrap_or(ordered.len());
    let kept: Vec<usize> = (0..ordered.len()).filter(|&index| keep(ordered[index])).collect();
    let window: Vec<usize> = kept.iter().copied().filter(|index| (start..end).contains(index)).collect();
    let chosen = if page.before.is_some() && page.after.is_none() {
        &window[window.len().saturating_sub(page.limit)..]
    } else {
        &window[..window.len().min(page.limit)]
    };
    let cursor =
        |index: Option<&usize>, more: bool| index.filter(|_| more).map(|&i| id(ordered[i]).to_owned());
    let more_after = cursor(chosen.last(), chosen.last().is_some_and(|last| kept.iter().any(|i| i > last)));
    let more_before =
        cursor(chosen.first(), chosen.first().is_some_and(|first| kept.iter().any(|i| i < first)));
    let items = chosen.iter().map(|&index| ordered[index].clone()).collect();
    Ok(List::new(items, more_after, more_before))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    /// Items "0" to "9"; the odd ones are kept by [`odd`].
    fn items() -> Vec<String> {
        (0..10).map(|n| n.to_string()).collect()
    }

    fn odd(item: &str) -> bool {
        item.parse::<u32>().unwrap() % 2 == 1
    }

    fn page(after: Option<&str>, before: Option<&str>, limit: usize) -> Page {
        Page { after: after.map(Into::into), before: before.map(Into::into), limit }
    }

    fn run(page: &Page, keep: impl Fn(&str) -> bool) -> (Vec<String>, Option<String>, Option<String>) {
        let items = items();
        let refs: Vec<&String> = items.iter().collect();
        let list = paginate(&refs, |s| s.as_str(), |s| keep(s), page).unwrap();
        (list.items, list.more_items_after, list.more_items_before)
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_first_page_has_the_limit_and_a_cursor_after() {
        let (items, after, before) = run(&page(None, None, 3), |_| true);
        assert_eq!((items, after, before), (strings(&["0", "1", "2"]), Some("2".into()), None));
    }

    #[test]
    fn after_and_before_walk_forward_and_back() {
        let (items, after, before) = run(&page(Some("2"), None, 3), |_| true);
        assert_eq!((items, after, before), (strings(&["3", "4", "5"]), Some("5".into()), Some("3".into())));
        let (items, after, before) = run(&page(None, Some("3"), 2), |_| true);
        assert_eq!((items, after, before), (strings(&["1", "2"]), Some("2".into()), Some("1".into())));
        let (items, after, before) = run(&page(None, Some("2"), 5), |_| true);
        assert_eq!((items, after, before), (strings(&["0", "1"]), Some("1".into()), None));
    }

    #[test]
    fn the_last_page_has_no_cursor_after() {
        let (items, after, _) = run(&page(Some("7"), None, 5), |_| true);
        assert_eq!((items, after), (strings(&["8", "9"]), None));
    }

    #[test]
    fn both_cursors_bound_the_page() {
        let (items, ..) = run(&page(Some("2"), Some("6"), 10), |_| true);
        assert_eq!(items, strings(&["3", "4", "5"]));
    }

    #[test]
    fn filters_apply_and_cursors_outside_the_filter_still_place_the_page() {
        let (items, after, before) = run(&page(None, None, 2), odd);
        assert_eq!((items, after, before), (strings(&["1", "3"]), Some("3".into()), None));
        let (items, after, before) = run(&page(Some("4"), None, 10), odd);
        assert_eq!((items, after, before), (strings(&["5", "7", "9"]), None, Some("5".into())));
    }

    #[test]
    fn a_limit_of_zero_gives_an_empty_page() {
        assert_eq!(run(&page(None, None, 0), |_| true), (vec![], None, None));
    }

    #[test]
    fn an_unknown_cursor_is_422_naming_it() {
        let items = items();
        let refs: Vec<&String> = items.iter().collect();
        let error = paginate(&refs, |s| s.as_str(), |_| true, &page(None, Some("x"), 1)).unwrap_err();
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error.body.details[0].property.as_deref(), Some("before"));
    }

    #[test]
    fn limit_is_read_from_the_query_and_must_be_0_to_200() {
        let query = |limit: &str| Page::from_query(&[("limit".into(), limit.into())]);
        assert_eq!(Page::from_query(&[]).unwrap(), Page::default());
        assert_eq!(query("0").unwrap().limit, 0);
        assert_eq!(query("200").unwrap().limit, 200);
        for bad in ["201", "-1", "ten", "1.5"] {
            let error = query(bad).unwrap_err();
            assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert_eq!(error.body.details[0].property.as_deref(), Some("limit"), "{bad}");
        }
        let cursors = Page::from_query(&[("after".into(), "prt_1".into()), ("before".into(), String::new())]);
        assert_eq!(cursors.unwrap(), page(Some("prt_1"), None, DEFAULT_LIMIT));
    }
}
