//! The registry's date: today in Vietnam (UTC+7, no daylight saving), from which agreement
//! statuses are derived; or a date that the operator (`PHOIHOP_TODAY`) or a test sets, so that
//! what a status will be on another day can be seen and tested.
//!
//! A server's clock goes with every piece of database work it runs (`Db::run` enters it on the
//! worker thread), so the models ask [`today`] and get the server's date without passing it
//! through every query.

use std::cell::Cell;
use std::sync::{Arc, Mutex};

use chrono::{FixedOffset, NaiveDate, Utc};

/// The system's date in Vietnam, or a set one.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<Mutex<NaiveDate>>>);

impl Clock {
    /// Vietnam's date now.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A date that stays until it is set again.
    pub fn fixed(date: NaiveDate) -> Clock {
        Clock(Some(Arc::new(Mutex::new(date))))
    }

    /// Moves a set clock to `date` (a system clock follows the system only).
    pub fn set(&self, date: NaiveDate) {
        if let Some(set) = &self.0 {
            *set.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = date;
        }
    }

    pub fn today(&self) -> NaiveDate {
        match &self.0 {
            Some(set) => *set.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
            None => vietnam_today(),
        }
    }

    /// Runs `work` with this clock's date as [`today`] on this thread.
    pub fn enter<T>(&self, work: impl FnOnce() -> T) -> T {
        let date = self.0.as_ref().map(|_| self.today());
        let before = ENTERED.with(|entered| entered.replace(date));
        let done = work();
        ENTERED.with(|entered| entered.set(before));
        done
    }
}

thread_local! {
    static ENTERED: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

fn vietnam_today() -> NaiveDate {
    let offset = FixedOffset::east_opt(7 * 3600).expect("a valid offset");
    Utc::now().with_timezone(&offset).date_naive()
}

/// The registry's date for the work running on this thread: its server's clock, else Vietnam's.
pub fn today() -> NaiveDate {
    ENTERED.with(Cell::get).unwrap_or_else(vietnam_today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_gives_its_date_to_the_work_it_runs() {
        let day = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let clock = Clock::fixed(day);
        assert_eq!(clock.enter(today), day);
        clock.set(day.succ_opt().unwrap());
        assert_eq!(clock.enter(today), day.succ_opt().unwrap());
        assert_eq!(today(), vietnam_today(), "outside the work, the system's date");
        assert_eq!(Clock::system().enter(today), vietnam_today());
    }
}
