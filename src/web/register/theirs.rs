//! After a conflict, the fields a person left as they read them take the values saved since, so
//! that saving "mine on top" changes only what the person changed.

use super::draft::Registration;

impl Registration {
    /// Takes from `theirs` (the record as it is now) the fields the API names `fields`: of the
    /// event, or of the one agreement (`agreement`) the form edits.
    pub fn take_fields(&mut self, theirs: Registration, fields: &[String], agreement: bool) {
        if agreement {
            let (Some(mine), Some(t)) = (self.agreements.first_mut(), theirs.agreements.into_iter().next()) else {
                return;
            };
            for f in fields {
                match f.as_str() {
                    "title" => mine.title = t.title.clone(),
                    "kind" => mine.kind = t.kind.clone(),
                    "topic" => mine.topic = t.topic.clone(),
                    "period" => mine.period = t.period.clone(),
                    "signed_on" => mine.signed_on = t.signed_on.clone(),
                    "status" => mine.status = t.status.clone(),
                    "replaces_id" => mine.replaces_id = t.replaces_id.clone(),
                    "parties" => mine.parties = t.parties.clone(),
                    "directives" => mine.directives = t.directives.clone(),
                    "tasks" => mine.tasks = t.tasks.clone(),
                    "source_url" => mine.source_url = t.source_url.clone(),
                    "published_on" => mine.published_on = t.published_on.clone(),
                    _ => {}
                }
            }
            return;
        }
        for f in fields {
            match f.as_str() {
                "kind" => self.kind = theirs.kind.clone(),
                "title" => self.title = theirs.title.clone(),
                "held_on" => self.held_on = theirs.held_on.clone(),
                "place" => self.place = theirs.place.clone(),
                "locality_id" => self.locality = theirs.locality.clone(),
                "host_id" => self.host = theirs.host.clone(),
                "attendees" => self.attendees = theirs.attendees.clone(),
                "notes" => self.notes = theirs.notes.clone(),
                "source_url" => self.source_url = theirs.source_url.clone(),
                "published_on" => self.published_on = theirs.published_on.clone(),
                _ => {}
            }
        }
    }
}
