package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.common.LiveViewModel;
import javafx.scene.Node;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One entry of the navigation: its title, its view model (kept live by the sampler) and how to
 * build its view. The view is built only when the section is first shown; the view model, when
 * a section made with {@link #lazy} is first asked for it (the engine's start, after the window's
 * first frame). Not thread-safe: confine to the UI thread.
 *
 * @param <M> the view model type
 */
public final class Section<M extends LiveViewModel> {

    private final String title;
    private final Supplier<? extends M> create;
    private final Function<? super M, ? extends Node> view;
    private M viewModel;

    private Section(String title, Supplier<? extends M> create, Function<? super M, ? extends Node> view) {
        this.title = Objects.requireNonNull(title, "title");
        this.create = Objects.requireNonNull(create, "viewModel");
        this.view = Objects.requireNonNull(view, "view");
    }

    public static <M extends LiveViewModel> Section<M> of(String title, M viewModel,
                                                          Function<? super M, ? extends Node> view) {
        Objects.requireNonNull(viewModel, "viewModel");
        return new Section<>(title, () -> viewModel, view);
    }

    /** A section whose view model is created when first asked for, so its code loads then. */
    public static <M extends LiveViewModel> Section<M> lazy(String title, Supplier<? extends M> viewModel,
                                                            Function<? super M, ? extends Node> view) {
        return new Section<>(title, viewModel, view);
    }

    public String title() {
        return title;
    }

    public M viewModel() {
        if (viewModel == null) {
            viewModel = Objects.requireNonNull(create.get(), "viewModel");
        }
        return viewModel;
    }

    /** Builds the view; call on the FX thread. */
    public Node createView() {
        return view.apply(viewModel());
    }

    @Override
    public String toString() {
        return title;
    }
}
