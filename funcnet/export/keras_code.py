"""Keras code as text: the one writer of layer, optimizer and model code.

The exported script (`funcnet.export.codegen`) and the lessons' growing
code (`funcnet.classroom.lesson_code`) both write their Keras calls here, so a
layer reads the same in both and the optimizer class names have one table.
`model_lines` writes a whole functional-API network the way the engine
builds it (`funcnet.engine.builder`), with the engine's node seeds.
"""

from __future__ import annotations

from funcnet.export.pycode import (
    MAX_LINE,
    MAX_VARIABLE,
    Names,
    comment,
    comment_text,
    count,
    num,
    pack,
    py_str,
    wrap_call,
)
from funcnet.model.activations import ACTIVATIONS, label_of
from funcnet.model.graphview import skip_edges
from funcnet.model.seeds import node_seed
from funcnet.model.spec import Job, ModelSpec, Node

OPTIMIZER_CLASSES = {"adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop"}
"""Keras optimizer class (in `keras.optimizers`) of every optimizer a setup can name."""


def optimizer_call(optimizer: str, learning_rate: str) -> str:
    """Returns the code that makes an optimizer, e.g. `Adam(learning_rate=0.001)`.

    Args:
        optimizer: A `TrainConfig.optimizer` name (`"adam"`, `"sgd"`, `"rmsprop"`).
        learning_rate: The learning rate as code: a literal or a constant's name.

    Returns:
        One call expression.
    """
    return f"{OPTIMIZER_CLASSES[optimizer]}(learning_rate={learning_rate})"


def dense_args(units: int, activation: str | None, *, seed: int | None = None,
               name: str | None = None) -> list[str]:
    """Returns the arguments of a `Dense(...)` call, in the order Keras documents them.

    Args:
        units: Output width.
        activation: A funcnet activation name (written as its Keras
            identifier), or None for a linear layer (no argument).
        seed: When given, a seeded `GlorotUniform` kernel initialiser.
        name: When given, the layer's name.

    Returns:
        The argument texts.
    """
    args = [str(units)]
    if activation is not None:
        args.append(f"activation={py_str(ACTIVATIONS[activation].keras_identifier)}")
    if seed is not None:
        args.append(f"kernel_initializer=GlorotUniform(seed={seed})")
    if name is not None:
        args.append(f"name={py_str(name)}")
    return args


def dense_call(units: int, activation: str | None, *, seed: int | None = None,
               name: str | None = None) -> str:
    """Returns a `Dense(...)` layer expression, e.g. `Dense(64, activation="relu")`.

    Args:
        units: Output width.
        activation: A funcnet activation name, or None for a linear layer.
        seed: When given, a seeded `GlorotUniform` kernel initialiser.
        name: When given, the layer's name.

    Returns:
        One call expression (not yet called on a tensor).
    """
    return f"Dense({', '.join(dense_args(units, activation, seed=seed, name=name))})"


def input_args(width: int, name: str | None = None) -> list[str]:
    """Returns the arguments of an `Input(...)` call: its shape, and its name when given.

    Args:
        width: Feature columns per sample.
        name: When given, the input's name.

    Returns:
        The argument texts.
    """
    return [f"shape=({width},)"] + ([f"name={py_str(name)}"] if name is not None else [])


def input_call(width: int, name: str | None = None) -> str:
    """Returns an `Input(...)` expression, e.g. `Input(shape=(20,))`.

    Args:
        width: Feature columns per sample.
        name: When given, the input's name.

    Returns:
        One call expression.
    """
    return f"Input({', '.join(input_args(width, name))})"


def dropout_args(rate: str, *, seed: int | None = None, name: str | None = None) -> list[str]:
    """Returns the arguments of a `Dropout(...)` call.

    Args:
        rate: The rate as code (the caller decides how exact: the lessons
            show `0.3`, the exported script the float's exact repr).
        seed: When given, the seed of the dropout masks.
        name: When given, the layer's name.

    Returns:
        The argument texts.
    """
    args = [rate]
    if seed is not None:
        args.append(f"seed={seed}")
    if name is not None:
        args.append(f"name={py_str(name)}")
    return args


def dropout_call(rate: str, *, seed: int | None = None, name: str | None = None) -> str:
    """Returns a `Dropout(...)` layer expression, e.g. `Dropout(0.3)`.

    Args:
        rate: The rate as code.
        seed: When given, the seed of the dropout masks.
        name: When given, the layer's name.

    Returns:
        One call expression (not yet called on a tensor).
    """
    return f"Dropout({', '.join(dropout_args(rate, seed=seed, name=name))})"


def dense_comment(spec: ModelSpec, node: Node, shared: int) -> list[str]:
    """Returns the teaching comment of a dense or output node, as paragraphs."""
    act = label_of(node.activation)
    width = spec.input_width(node.name)
    if node.type == "output":
        meaning = {
            "binary": "the probability of class 1",
            "multiclass": f"one probability per class ({node.units} classes)",
            "regression": "the predicted value",
        }[node.task]
        return [f"Output head {node.name!r}: {count(node.units, f'{act} unit')}, giving "
                f"{meaning} "
                f"for the target column {comment_text(repr(node.target))} ({node.task}, "
                f"loss {node.loss})."]
    text = [f"{node.name!r}: a fully-connected layer of {node.units} {act} units; each unit "
            f"weighs all {width} values of its input."]
    if shared > 1:
        text.append(f"It is ONE layer object called on {shared} tensors: a shared layer. Its "
                    "weights exist once and serve every branch, which is how a siamese network "
                    "compares two inputs.")
    if node.batch_norm:
        text.append("Batch normalisation sits between the layer and its activation: "
                    "Dense (no activation) -> BatchNormalization -> Activation.")
    if node.dropout > 0:
        text.append(f"While training, Dropout zeroes {node.dropout:.0%} of the outputs at "
                    "random, so units cannot rely on each other (a regulariser).")
    return text


def model_lines(job: Job) -> tuple[list[str], set[str]]:
    """Writes the body of the script's `build_model()`: the network, layer by layer.

    Layer names, units, activations, connections and initialiser seeds are
    those of `funcnet.engine.builder.build_model`, so the script's model has
    the engine's initial weights; a shared layer is one object called on
    every branch; each layer gets a comment that says what it does.

    Args:
        job: The network (`job.model`) and its seed (`job.train.seed`).

    Returns:
        The lines (the first is a blank separator) and the names of the
        Keras classes they use, for the imports.
    """
    spec, seed = job.model, job.train.seed
    names = Names()
    used: set[str] = {"Input", "Model"}
    skips = skip_edges(spec)
    index_of = {node.name: i for i, node in enumerate(spec.nodes)}
    # Like the engine: every node yields one tensor per branch, here (variable, branch label).
    branches: dict[str, list[tuple[str, str]]] = {}
    out: list[str] = []
    ind = "    "
    for name in spec.order:
        node = spec.node(name)
        fallback = f"node_{index_of[name]}"
        incoming = [(var, label or source) for source in node.inputs
                    for var, label in branches[source]]
        out.append("")
        if node.type == "input":
            var = names.take(name, fallback)
            n_columns = len(node.columns)
            out += comment(ind, f"Input {name!r}: {count(n_columns, 'feature column')} per "
                                 "sample.")
            out += wrap_call(ind, f"{var} = Input", input_args(n_columns, name))
            branches[name] = [(var, "")]
        elif node.type in ("add", "concatenate"):
            var = names.take(name, fallback)
            layer = "Add" if node.type == "add" else "Concatenate"
            used.add(layer)
            tensors = ", ".join(v for v, _ in incoming)
            if node.type == "add":
                width = spec.shape_of(name).width
                out += comment(ind, f"{name!r} adds its {len(incoming)} inputs element by "
                                f"element (all {width} wide).")
            else:
                widths = " + ".join(str(spec.shape_of(s).width) for s in node.inputs
                                    for _ in range(spec.shape_of(s).branches))
                out += comment(ind, f"{name!r} puts its inputs side by side: {widths} = "
                                f"{spec.shape_of(name).width} values.")
            skipping = [s for s in node.inputs if (s, name) in skips]
            if skipping:
                out += comment(ind, f"{', '.join(map(repr, skipping))} skips over layers to "
                                "get here: a residual (skip) connection, so the layers in "
                                "between only have to learn a correction.")
            call = f"{ind}{var} = {layer}(name={py_str(name)})([{tensors}])"
            if len(call) <= MAX_LINE:
                out.append(call)
            else:
                out += pack([v for v, _ in incoming], ind,
                             f"{var} = {layer}(name={py_str(name)})([", "])")
            branches[name] = [(var, "")]
        else:
            used.add("Dense")
            used.add("GlorotUniform")
            layer_seed = node_seed(seed, index_of[name])
            batch_norm = node.type == "dense" and node.batch_norm
            dropout = node.type == "dense" and node.dropout > 0
            for paragraph in dense_comment(spec, node, len(incoming)):
                out += comment(ind, paragraph)
            layer_args = ", ".join(dense_args(
                node.units, None if batch_norm else node.activation, seed=layer_seed,
                name=node.name))
            extra: list[tuple[str, str]] = []  # (layer call, suffix) after the Dense
            if batch_norm:
                used.update({"BatchNormalization", "Activation"})
                identifier = py_str(ACTIVATIONS[node.activation].keras_identifier)
                extra.append(("BatchNormalization", f"name={py_str(name + '_bn')}"))
                extra.append(("Activation", f"{identifier}, name={py_str(name + '_act')}"))
            if dropout:
                used.add("Dropout")
                extra.append(("Dropout", ", ".join(dropout_args(
                    num(node.dropout), seed=layer_seed, name=f"{name}_dropout"))))
            if len(incoming) == 1:
                var = names.take(name, fallback)
                source = incoming[0][0]
                out += wrap_call(ind, f"{var} = Dense", layer_args, f"({source})")
                for cls, args in extra:
                    out += wrap_call(ind, f"{var} = {cls}", args, f"({var})")
                branches[name] = [(var, "")]
                continue
            # A shared layer: create the layer objects once, then call them on each branch.
            layer_var = names.take(name, fallback)
            out += wrap_call(ind, f"{layer_var} = Dense", layer_args)
            chain = [layer_var]
            for cls, args in extra:
                suffix = {"BatchNormalization": "bn", "Activation": "act",
                          "Dropout": "dropout"}[cls]
                part = names.take(f"{name}_{suffix}", f"{fallback}_{suffix}")
                out += wrap_call(ind, f"{part} = {cls}", args)
                chain.append(part)
            labels = [label for _, label in incoming]
            if len(set(labels)) != len(labels):
                labels = [f"branch{i}" for i in range(1, len(incoming) + 1)]
            results = []
            for i, ((source, _), label) in enumerate(zip(incoming, labels, strict=True)):
                wanted = f"{name}_{label}"
                if len(wanted) > MAX_VARIABLE:
                    # Keep both halves readable: the layer's name and the branch's origin.
                    wanted = f"{name[:MAX_VARIABLE - 10]}_{label[:9]}"
                var = names.take(wanted, f"{fallback}_branch{i + 1}")
                call = source
                for part in chain:
                    call = f"{part}({call})"
                if len(f"{ind}{var} = {call}") <= MAX_LINE:
                    out.append(f"{ind}{var} = {call}")
                else:
                    out.append(f"{ind}{var} = {chain[0]}({source})")
                    out += [f"{ind}{var} = {part}({var})" for part in chain[1:]]
                results.append((var, label))
            branches[name] = results
    ins = [branches[n.name][0][0] for n in spec.inputs]
    outs = [branches[n.name][0][0] for n in spec.outputs]
    out.append("")
    out += comment(ind, "The model runs from its input(s) to its output(s); Keras traces "
                    "the graph in between.")
    ins_text = ins[0] if len(ins) == 1 else f"[{', '.join(ins)}]"
    outs_text = outs[0] if len(outs) == 1 else f"[{', '.join(outs)}]"
    single = f'{ind}return Model(inputs={ins_text}, outputs={outs_text}, name="funcnet")'
    if len(single) <= MAX_LINE:
        out.append(single)
    else:
        out.append(f"{ind}return Model(")
        for key, values, alone in (("inputs", ins, ins_text), ("outputs", outs, outs_text)):
            if len(values) == 1 or len(f"{ind}    {key}={alone},") <= MAX_LINE:
                out.append(f"{ind}    {key}={alone},")
            else:
                out += pack(values, ind + "    ", f"{key}=[", "],")
        out += [f'{ind}    name="funcnet",', f"{ind})"]
    return out, used
