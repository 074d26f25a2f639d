// TriageApp: filled in by its issue; this file keeps the target building.
