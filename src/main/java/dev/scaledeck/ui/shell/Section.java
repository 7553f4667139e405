package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.common.LiveViewModel;
import javafx.scene.Node;

import java.util.function.Function;

/**
 * One entry of the navigation: its title, its view model (kept live by the sampler) and how to
 * build its view. The view is built only when the section is first shown.
 *
 * @param <M> the view model type
 */
public record Section<M extends LiveViewModel>(String title, M viewModel, Function<? super M, ? extends Node> view) {

    public static <M extends LiveViewModel> Section<M> of(String title, M viewModel,
                                                          Function<? super M, ? extends Node> view) {
        return new Section<>(title, viewModel, view);
    }

    /** Builds the view; call on the FX thread. */
    public Node createView() {
        return view.apply(viewModel);
    }

    @Override
    public String toString() {
        return title;
    }
}
