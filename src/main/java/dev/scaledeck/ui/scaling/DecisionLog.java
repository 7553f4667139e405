package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.scaling.ScalingDecision;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision log: the auto-scaler's decisions newest first, at most {@link #ROWS}. New
 * decisions go on top and the oldest fall off, so a selected row stays selected while the log
 * grows; the selected decision's reason is shown whole. UI thread only.
 */
public final class DecisionLog {

    /** Rows kept at most. */
    public static final int ROWS = 200;
    private static final String HINT = "Select a decision to read its whole reason";

    private final ZoneId zone;
    private ScalingDecision newest;
    private final ObservableList<DecisionRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DecisionRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final javafx.beans.property.BooleanProperty changesOnly =
            new javafx.beans.property.SimpleBooleanProperty(this, "changesOnly");
    private final javafx.collections.transformation.FilteredList<DecisionRow> shown =
            new javafx.collections.transformation.FilteredList<>(rowsReadOnly);
    private final ObjectProperty<DecisionRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper selectedReason = new ReadOnlyStringWrapper(this, "selectedReason", "");

    DecisionLog(ZoneId zone) {
        this.zone = zone;
        selected.addListener((obs, old, now) -> showReason());
        String noChange = ScalingTexts.action(dev.scaledeck.engine.scaling.ScalingAction.NO_CHANGE);
        changesOnly.addListener((obs, was, only) -> shown.setPredicate(only ? row -> !row.action().equals(noChange) : null));
    }

    private void showReason() {
        DecisionRow row = selected.get();
        selectedReason.set(row != null ? row.time() + " · " + row.action() + " · " + row.reason()
                : rows.isEmpty() ? "" : HINT);
    }

    /** Adds the decisions after the newest one logged; all of them when it is no longer among them. */
    void update(List<ScalingDecision> decisions) {
        ScalingDecision last = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
        if (last == newest) {
            return;
        }
        int seen = -1;
        for (int i = decisions.size() - 1; i >= 0 && newest != null; i--) {
            if (decisions.get(i) == newest) {
                seen = i;
                break;
            }
        }
        if (seen < 0) {
            rows.clear();
        }
        List<DecisionRow> fresh = new ArrayList<>();
        for (int i = decisions.size() - 1; i > seen && fresh.size() < ROWS; i--) {
            fresh.add(DecisionRow.of(decisions.get(i), zone));
        }
        rows.addAll(0, fresh);
        if (rows.size() > ROWS) {
            rows.remove(ROWS, rows.size());
        }
        newest = last;
        showReason();
    }

    /** Newest first. */
    public ObservableList<DecisionRow> rows() {
        return rowsReadOnly;
    }

    /** The rows the table shows: all, or without the "no change" ones while {@link #changesOnlyProperty()} is set. */
    public ObservableList<DecisionRow> shown() {
        return shown;
    }

    /** Leave out "no change" decisions, so scale-ups, scale-downs and blocked changes stand out. */
    public javafx.beans.property.BooleanProperty changesOnlyProperty() {
        return changesOnly;
    }

    /** The decision whose reason {@link #selectedReasonProperty()} shows; the view sets it from the table. */
    public ObjectProperty<DecisionRow> selectedProperty() {
        return selected;
    }

    /** The selected decision's whole reason, or how to get one; empty while the log is. */
    public ReadOnlyStringProperty selectedReasonProperty() {
        return selectedReason.getReadOnlyProperty();
    }
}
