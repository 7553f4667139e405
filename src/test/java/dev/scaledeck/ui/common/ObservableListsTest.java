package dev.scaledeck.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObservableListsTest {

    @Test
    void shouldNotTouchAListWhoseContentIsUnchanged() {
        ObservableList<String> list = FXCollections.observableArrayList("a", "b");
        int[] changes = {0};
        list.addListener((ListChangeListener<String>) c -> changes[0]++);

        ObservableLists.replaceIfChanged(list, List.of("a", "b"));
        assertThat(changes[0]).isZero();

        ObservableLists.replaceIfChanged(list, List.of("a", "c"));
        assertThat(changes[0]).isEqualTo(1);
        assertThat(list).containsExactly("a", "c");
    }
}
