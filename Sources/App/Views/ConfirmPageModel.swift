/// A page that asks before an irreversible step: what will happen, what follows from it, and two
/// ways on — do it (a form with the step's fields) or go back. Works without JavaScript.
struct ConfirmPageModel: Encodable {
    struct Field: Encodable {
        var name: String
        var value: String
    }

    var layout: LayoutModel
    var question: String
    var consequence: String
    var action: String
    var fields: [Field]
    var confirmLabel: String
    var cancelURL: String
    var cancelLabel: String
    /// Why the step cannot be taken now; then only the way back is offered.
    var blocked: String? = nil
}
