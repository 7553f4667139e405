package dev.scaledeck.ui.common;

import javafx.collections.ObservableList;

import java.util.List;

/** View-model helper for lists that a sampler refreshes every tick. */
public final class ObservableLists {

    private ObservableLists() {
    }

    /**
     * Replaces the content only when it differs, so an unchanged table keeps its selection and
     * scroll position and redraws nothing.
     */
    public static <T> void replaceIfChanged(ObservableList<T> target, List<? extends T> content) {
        if (!target.equals(content)) {
            target.setAll(content);
        }
    }
}
