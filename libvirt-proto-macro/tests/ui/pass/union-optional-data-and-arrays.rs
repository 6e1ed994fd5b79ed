// A small protocol with every kind of declaration: constants, an enum, a
// union over it with a void default arm, strings, fixed and variable
// opaque data and arrays, and optional data that leads back to its own type.

mod shapes {
    libvirt_proto_macro::include_protocol!(
        source = r#"
const SHAPES_NAME_MAX = 64;
const SHAPES_LIST_MAX = 16;

enum shapes_kind {
    SHAPES_KIND_CIRCLE = 0,
    SHAPES_KIND_SQUARE = 1,
    SHAPES_KIND_NONE = 2
};

struct shapes_square {
    unsigned int side;
};

union shapes_shape switch (shapes_kind kind) {
case SHAPES_KIND_CIRCLE:
    double radius;
case SHAPES_KIND_SQUARE:
    shapes_square square;
default:
    void;
};

struct shapes_node {
    string name<SHAPES_NAME_MAX>;
    opaque uuid[16];
    opaque blob<>;
    shapes_shape shapes<SHAPES_LIST_MAX>;
    int coords[3];
    shapes_node *next;
};
"#
    );
}

fn main() {
    let tail = shapes::ShapesNode {
        name: "tail".to_string(),
        uuid: [7; 16],
        blob: vec![1, 2, 3],
        shapes: vec![shapes::ShapesShape::Default {
            discriminant: shapes::ShapesKind::None,
        }],
        coords: [0, 0, 0],
        next: None,
    };
    let head = shapes::ShapesNode {
        name: "head".to_string(),
        uuid: [0; 16],
        blob: Vec::new(),
        shapes: vec![
            shapes::ShapesShape::Circle(1.5),
            shapes::ShapesShape::Square(shapes::ShapesSquare { side: 2 }),
        ],
        coords: [1, -2, 3],
        next: Some(Box::new(tail)),
    };
    let bytes = xdr_runtime::to_vec(&head).unwrap();
    let back: shapes::ShapesNode = xdr_runtime::from_bytes(&bytes).unwrap();
    assert_eq!(back, head);
    assert_eq!(shapes::SHAPES_NAME_MAX, 64);
}
