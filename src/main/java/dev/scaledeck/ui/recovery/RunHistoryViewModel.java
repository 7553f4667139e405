package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.ui.common.ObservableLists;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The journal of runs, newest first, as a table: a run cut short by a crash is INTERRUPTED and
 * says how many steps it had done. Selecting a run shows its steps. UI thread only.
 */
public final class RunHistoryViewModel {

    private final ZoneId zone;
    /** True while the rows are replaced: the selection changes then are not the operator's. */
    private boolean replacing;

    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ObservableList<RunRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<RunRow> selected = new SimpleObjectProperty<>(this, "selected");

    RunHistoryViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Shows the runs, keeping the selected one selected. */
    void show(List<RunbookProgress> runs) {
        String keep = selected.get() == null ? null : selected.get().runId();
        replacing = true;
        try {
            ObservableLists.replaceIfChanged(rows, runs.stream().map(r -> RunRow.of(r, zone)).toList());
            selected.set(keep == null ? null : find(keep).orElse(null));
        } finally {
            replacing = false;
        }
    }

    /** Whether the rows are being replaced, so a selection change is not the operator's. */
    boolean replacing() {
        return replacing;
    }

    /** Selects the run with this id, or nothing when it is not listed. */
    public void select(String runId) {
        selected.set(runId == null ? null : find(runId).orElse(null));
    }

    Optional<RunRow> find(String runId) {
        return rows.stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /** Every run, newest first. */
    public ObservableList<RunRow> rows() {
        return rowsReadOnly;
    }

    /** The run whose steps show; the view sets it from the table's selection. */
    public ObjectProperty<RunRow> selectedProperty() {
        return selected;
    }
}
