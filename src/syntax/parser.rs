//! The chumsky grammar: tokens (with NEWLINE / INDENT / DEDENT) to the syntax tree.
//!
//! The grammar follows CPython's PEG grammar, but accepts any expression where CPython wants
//! an assignment target; `validate` checks targets afterwards, with CPython's messages.
//! Alternatives share their prefixes (a parenthesised expression is parsed once, then the
//! parser looks at what follows), so nothing backtracks exponentially on nested brackets.

use chumsky::input::ValueInput;
use chumsky::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use super::ast::*;
use super::token::{StrLit, Tok};

pub type Extra<'t> = extra::Err<ParseError<'t>>;

/// The parser's error: where it failed, the token found there, a message of the grammar's own,
/// and of the tokens expected there only what `diagnose` asks (whether ':' was one). It merges
/// as chumsky's `Rich` does, but without collecting the expected tokens: merging those lists
/// at every alternative that failed was most of the time a parse took.
#[derive(Clone, Debug)]
pub struct ParseError<'t> {
    span: SimpleSpan,
    found: Option<chumsky::util::MaybeRef<'t, Tok>>,
    custom: Option<&'static str>,
    expected_colon: bool,
}

impl<'t> ParseError<'t> {
    pub fn custom(span: SimpleSpan, msg: &'static str) -> Self {
        ParseError { span, found: None, custom: Some(msg), expected_colon: false }
    }
    pub fn span(&self) -> SimpleSpan {
        self.span
    }
    /// The token the parser stopped at (none for a custom error, as with `Rich`).
    pub fn found(&self) -> Option<&Tok> {
        self.found.as_deref()
    }
    pub fn custom_message(&self) -> Option<&'static str> {
        self.custom
    }
    pub fn expected_colon(&self) -> bool {
        self.expected_colon
    }
}

fn expects_colon<'t>(expected: impl IntoIterator<Item = chumsky::DefaultExpected<'t, Tok>>) -> bool {
    expected.into_iter().any(|e| matches!(e, chumsky::DefaultExpected::Token(t) if *t == Tok::Colon))
}

impl<'t, I: chumsky::input::Input<'t, Token = Tok, Span = SimpleSpan>> chumsky::error::Error<'t, I> for ParseError<'t> {
    fn merge(mut self, other: Self) -> Self {
        // A custom message wins, this one's first; otherwise what each expected.
        if self.custom.is_none() {
            if other.custom.is_some() {
                self.custom = other.custom;
                self.found = None;
                self.expected_colon = false;
            } else {
                self.expected_colon |= other.expected_colon;
            }
        }
        self
    }
}

impl<'t, I: chumsky::input::Input<'t, Token = Tok, Span = SimpleSpan>>
    chumsky::label::LabelError<'t, I, chumsky::DefaultExpected<'t, Tok>> for ParseError<'t>
{
    fn expected_found<E: IntoIterator<Item = chumsky::DefaultExpected<'t, Tok>>>(
        expected: E,
        found: Option<chumsky::util::MaybeRef<'t, Tok>>,
        span: SimpleSpan,
    ) -> Self {
        ParseError { span, found, custom: None, expected_colon: expects_colon(expected) }
    }

    fn merge_expected_found<E: IntoIterator<Item = chumsky::DefaultExpected<'t, Tok>>>(
        mut self,
        expected: E,
        found: Option<chumsky::util::MaybeRef<'t, Tok>>,
        _span: SimpleSpan,
    ) -> Self {
        if self.custom.is_none() {
            self.expected_colon |= expects_colon(expected);
            self.found = self.found.take().or(found);
        }
        self
    }

    fn replace_expected_found<E: IntoIterator<Item = chumsky::DefaultExpected<'t, Tok>>>(
        self,
        expected: E,
        found: Option<chumsky::util::MaybeRef<'t, Tok>>,
        span: SimpleSpan,
    ) -> Self {
        ParseError { span, found, custom: None, expected_colon: expects_colon(expected) }
    }

    fn label_with(&mut self, label: chumsky::DefaultExpected<'t, Tok>) {
        if self.custom.take().is_some() {
            self.found = None;
        }
        self.expected_colon = expects_colon([label]);
    }
}

/// Errors found while building nodes (parameter order, call argument order): the grammar
/// accepts the text, the node builder knows it is wrong.
pub type SideErrors = Rc<RefCell<Vec<SyntaxError>>>;

fn sp(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn st(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

fn body_end(body: &[Stmt]) -> u32 {
    body.last().map(|s| s.span.end).unwrap_or(0)
}

/// `a, b, c` with an optional trailing comma: a tuple when there is a comma, else the item.
fn comma_list<'t, I, P>(item: P) -> impl Parser<'t, I, Expr, Extra<'t>> + Clone
where
    I: ValueInput<'t, Token = Tok, Span = SimpleSpan>,
    P: Parser<'t, I, Expr, Extra<'t>> + Clone,
{
    item.clone()
        .then(just(Tok::Comma).ignore_then(item).repeated().collect::<Vec<_>>())
        .then(just(Tok::Comma).or_not())
        .map_with(|((first, rest), trailing), e| {
            if rest.is_empty() && trailing.is_none() {
                first
            } else {
                let mut v = Vec::with_capacity(rest.len() + 1);
                v.push(first);
                v.extend(rest);
                mk(ExprKind::Tuple(v), sp(e.span()))
            }
        })
}

/// Implicitly concatenated string literals to one expression. Mixing bytes and str was
/// rejected before parsing.
fn concat_strings(parts: Vec<Rc<StrLit>>, span: Span) -> Expr {
    let any_f = parts.iter().any(|p| matches!(**p, StrLit::FStr(_) | StrLit::FRaw { .. }));
    if any_f {
        let mut out = Vec::new();
        for p in parts {
            match &*p {
                StrLit::Str(s) => out.push(FStringPart::Literal(s.clone())),
                StrLit::FStr(v) => out.extend(v.iter().cloned()),
                _ => {}
            }
        }
        return mk(ExprKind::JoinedStr(super::strings::merge_literals(out)), span);
    }
    if let StrLit::Bytes(_) = &*parts[0] {
        let mut b = Vec::new();
        for p in parts {
            if let StrLit::Bytes(x) = &*p {
                b.extend_from_slice(x);
            }
        }
        return mk(ExprKind::Constant(Constant::Bytes(b)), span);
    }
    let mut s = String::new();
    for p in parts {
        if let StrLit::Str(x) = &*p {
            s.push_str(x);
        }
    }
    mk(ExprKind::Constant(Constant::Str(s)), span)
}

#[derive(Clone)]
enum Arg {
    Pos(Expr),
    Kw(Ident, Expr),
    DStar(Expr),
}

fn split_args(items: Vec<Arg>, errs: &SideErrors) -> (Vec<Expr>, Vec<Keyword>) {
    let mut args = Vec::new();
    let mut keywords = Vec::new();
    let mut seen_kw = false;
    let mut seen_dstar = false;
    let n = items.len();
    for a in items {
        match a {
            Arg::Pos(e) => {
                let starred = matches!(e.kind, ExprKind::Starred(_));
                if let ExprKind::GeneratorExp { elt, .. } = &e.kind {
                    // Unparenthesised: the generator starts where its element starts.
                    if n > 1 && elt.span.start == e.span.start {
                        errs.borrow_mut().push(SyntaxError::new(
                            "Generator expression must be parenthesized",
                            e.span,
                        ));
                    }
                }
                if starred && seen_dstar {
                    errs.borrow_mut().push(SyntaxError::new(
                        "iterable argument unpacking follows keyword argument unpacking",
                        e.span,
                    ));
                } else if !starred && seen_dstar {
                    errs.borrow_mut().push(SyntaxError::new(
                        "positional argument follows keyword argument unpacking",
                        e.span,
                    ));
                } else if !starred && seen_kw {
                    errs.borrow_mut().push(SyntaxError::new(
                        "positional argument follows keyword argument",
                        e.span,
                    ));
                }
                args.push(e);
            }
            Arg::Kw(name, value) => {
                seen_kw = true;
                keywords.push(Keyword { arg: Some(name), value });
            }
            Arg::DStar(value) => {
                seen_dstar = true;
                keywords.push(Keyword { arg: None, value });
            }
        }
    }
    (args, keywords)
}

#[derive(Clone)]
enum ParamItem {
    Slash(Span),
    Star(Option<Param>, Span),
    DStar(Param),
    P(Param, Span),
}

fn build_params(items: Vec<ParamItem>, errs: &SideErrors) -> Params {
    let mut p = Params::default();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut seen_default = false;
    let mut bare_star = None;
    let err = |msg: &str, span: Span| errs.borrow_mut().push(SyntaxError::new(msg, span));
    for item in items {
        if p.kwarg.is_some() {
            let span = match &item {
                ParamItem::Slash(s) | ParamItem::Star(_, s) | ParamItem::P(_, s) => *s,
                ParamItem::DStar(q) => q.name.span,
            };
            err("arguments cannot follow var-keyword argument", span);
            break;
        }
        match item {
            ParamItem::Slash(s) => {
                if seen_slash {
                    err("/ may appear only once", s);
                } else if seen_star {
                    err("/ must be ahead of *", s);
                } else if p.args.is_empty() {
                    err("at least one argument must precede /", s);
                }
                seen_slash = true;
                p.posonly.append(&mut p.args);
            }
            ParamItem::Star(v, s) => {
                if seen_star {
                    err("* argument may appear only once", s);
                }
                seen_star = true;
                if v.is_none() {
                    bare_star = Some(s);
                }
                p.vararg = v;
            }
            ParamItem::DStar(q) => p.kwarg = Some(q),
            ParamItem::P(q, s) => {
                if seen_star {
                    p.kwonly.push(q);
                } else {
                    if q.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        err("non-default argument follows default argument", s);
                    }
                    p.args.push(q);
                }
            }
        }
    }
    if let Some(s) = bare_star {
        if p.kwonly.is_empty() {
            err("named arguments must follow bare *", s);
        }
    }
    p
}

type BExpr<'t, I> = Boxed<'t, 't, I, Expr, Extra<'t>>;

type Handle<'t, I, O> = Recursive<chumsky::recursive::Direct<'t, 't, I, O, Extra<'t>>>;
type Slot<'t, I, O> = Recursive<chumsky::recursive::Indirect<'t, 't, I, O, Extra<'t>>>;

/// A parser used before it is defined, like `Recursive::declare`, but without the leak.
///
/// A declared `Recursive` owns itself once its definition refers to it (chumsky 0.13 keeps a
/// strong `Rc` in every clone of the handle), so the grammar each thread builds would leak
/// the whole parser graph when the thread ends. Here the grammar refers to the parser only through `weak`,
/// a handle that does not own it (the one `recursive` passes to its closure); `owner` is
/// the only owning handle, and is kept alive by the finished parsers (see `keep_alive`).
/// `slot` is where the definition goes; only `owner` holds it once `parsers` returns.
struct Forward<'t, I: ValueInput<'t, Token = Tok, Span = SimpleSpan>, O: 't> {
    weak: Handle<'t, I, O>,
    owner: Handle<'t, I, O>,
    slot: Slot<'t, I, O>,
}

fn forward<'t, I, O: 't>() -> Forward<'t, I, O>
where
    I: ValueInput<'t, Token = Tok, Span = SimpleSpan>,
{
    let slot: Slot<'t, I, O> = Recursive::declare();
    let mut weak = None;
    let owner = recursive(|w| {
        weak = Some(w);
        slot.clone()
    });
    Forward { weak: weak.expect("recursive calls its closure"), owner, slot }
}

/// `p`, holding `keep` (the owning handles of the forward-declared parsers) alive as long
/// as it lives. Parses exactly as `p` does.
fn keep_alive<'t, I, O, K>(
    p: Boxed<'t, 't, I, O, Extra<'t>>,
    keep: Rc<K>,
) -> Boxed<'t, 't, I, O, Extra<'t>>
where
    I: ValueInput<'t, Token = Tok, Span = SimpleSpan>,
    O: 't,
    K: 't,
{
    p.map(move |x| {
        let _owners = &keep;
        x
    })
    .boxed()
}

/// The parsers: a whole module, and one f-string replacement field (an expression list
/// or `yield`, followed by the end marker).
pub struct Parsers<'t, I: ValueInput<'t, Token = Tok, Span = SimpleSpan>> {
    pub module: Boxed<'t, 't, I, Vec<Stmt>, Extra<'t>>,
    pub fexpr: BExpr<'t, I>,
}

pub fn parsers<'t, I>(errs: SideErrors) -> Parsers<'t, I>
where
    I: ValueInput<'t, Token = Tok, Span = SimpleSpan>,
{
    use Tok as T;
    let name = select! { T::Name(n) => n }
        .map_with(|n, e| Ident { name: n.to_string(), span: sp(e.span()) })
        .boxed();

    // The grammar refers to forward-declared parsers only through their weak handles.
    let mut fwd_expression = forward::<I, Expr>();
    let mut fwd_disjunction = forward::<I, Expr>();
    let mut fwd_bitor = forward::<I, Expr>();
    let mut fwd_factor = forward::<I, Expr>();
    let mut fwd_stmt = forward::<I, Vec<Stmt>>();
    let expression = fwd_expression.weak.clone();
    let disjunction = fwd_disjunction.weak.clone();
    let bitor = fwd_bitor.weak.clone();
    let factor = fwd_factor.weak.clone();
    let stmt = fwd_stmt.weak.clone();

    let named_expression = name
        .clone()
        .then_ignore(just(T::ColonEqual))
        .then(expression.clone())
        .map_with(|(t, v), e| mk(ExprKind::NamedExpr { target: t, value: bx(v) }, sp(e.span())))
        .or(expression.clone())
        .boxed();

    let starred = |p: BExpr<'t, I>| {
        just(T::Star)
            .ignore_then(p)
            .map_with(|v, e| mk(ExprKind::Starred(bx(v)), sp(e.span())))
    };
    let star_named_expression =
        starred(bitor.clone().boxed()).or(named_expression.clone()).boxed();
    let star_expression = starred(bitor.clone().boxed()).or(expression.clone()).boxed();
    let star_expressions = comma_list(star_expression.clone()).boxed();
    // Assignment-like targets in `for` and comprehensions: stop before `in`.
    let star_target = starred(bitor.clone().boxed()).or(bitor.clone()).boxed();
    let target_list = comma_list(star_target.clone()).boxed();

    let yield_expr = just(T::Yield)
        .ignore_then(
            just(T::From)
                .ignore_then(expression.clone())
                .map(|v| (true, Some(v)))
                .or(star_expressions.clone().or_not().map(|v| (false, v))),
        )
        .map_with(|(from, v), e| {
            let kind = if from {
                ExprKind::YieldFrom(bx(v.unwrap()))
            } else {
                ExprKind::Yield(v.map(bx))
            };
            mk(kind, sp(e.span()))
        })
        .boxed();

    let comp_for = just(T::Async)
        .or_not()
        .then_ignore(just(T::For))
        .then(target_list.clone())
        .then_ignore(just(T::In))
        .then(disjunction.clone())
        .then(just(T::If).ignore_then(disjunction.clone()).repeated().collect::<Vec<_>>())
        .map(|(((a, target), iter), ifs)| Comprehension { target, iter, ifs, is_async: a.is_some() });
    let generators = comp_for.repeated().at_least(1).collect::<Vec<_>>().boxed();

    // ---- atoms ----
    let literal = select! {
        T::Int(i) => ExprKind::Constant(Constant::Int((*i).clone())),
        T::Float(f) => ExprKind::Constant(Constant::Float(f)),
        T::Imag(f) => ExprKind::Constant(Constant::Imaginary(f)),
        T::None => ExprKind::Constant(Constant::None),
        T::True => ExprKind::Constant(Constant::True),
        T::False => ExprKind::Constant(Constant::False),
        T::Ellipsis => ExprKind::Constant(Constant::Ellipsis),
        T::Name(n) => ExprKind::Name(n.to_string()),
    }
    .map_with(|k, e| mk(k, sp(e.span())));
    let strings = select! { T::Str(s) => s }
        .repeated()
        .at_least(1)
        .collect::<Vec<_>>()
        .map_with(|parts, e| concat_strings(parts, sp(e.span())));

    #[derive(Clone)]
    enum SeqTail {
        Gen(Vec<Comprehension>),
        Items(Vec<Expr>, bool),
    }
    let seq_tail = generators
        .clone()
        .map(SeqTail::Gen)
        .or(just(T::Comma)
            .ignore_then(star_named_expression.clone())
            .repeated()
            .collect::<Vec<_>>()
            .then(just(T::Comma).or_not())
            .map(|(v, t)| SeqTail::Items(v, t.is_some())))
        .boxed();

    let paren = just(T::LPar)
        .ignore_then(choice((
            just(T::RPar).to(None),
            yield_expr.clone().then_ignore(just(T::RPar)).map(|y| Some((y, None))),
            star_named_expression
                .clone()
                .then(seq_tail.clone())
                .then_ignore(just(T::RPar))
                .map(|(x, t)| Some((x, Some(t)))),
        )))
        .map_with(|r, e| {
            let span = sp(e.span());
            match r {
                None => mk(ExprKind::Tuple(vec![]), span),
                Some((y, None)) => y,
                Some((x, Some(SeqTail::Gen(g)))) => {
                    mk(ExprKind::GeneratorExp { elt: bx(x), generators: g }, span)
                }
                Some((x, Some(SeqTail::Items(rest, trailing)))) => {
                    if rest.is_empty() && !trailing {
                        x
                    } else {
                        let mut v = vec![x];
                        v.extend(rest);
                        mk(ExprKind::Tuple(v), span)
                    }
                }
            }
        });

    let list = just(T::LSqb)
        .ignore_then(star_named_expression.clone().then(seq_tail.clone()).or_not())
        .then_ignore(just(T::RSqb))
        .map_with(|r, e| {
            let span = sp(e.span());
            match r {
                None => mk(ExprKind::List(vec![]), span),
                Some((x, SeqTail::Gen(g))) => mk(ExprKind::ListComp { elt: bx(x), generators: g }, span),
                Some((x, SeqTail::Items(rest, _))) => {
                    let mut v = vec![x];
                    v.extend(rest);
                    mk(ExprKind::List(v), span)
                }
            }
        });

    // Dict and set displays.
    #[derive(Clone)]
    enum DItem {
        Pair(Option<Expr>, Expr),
        Elt(Expr),
    }
    let dict_item = just(T::DoubleStar)
        .ignore_then(bitor.clone())
        .map(|v| DItem::Pair(None, v))
        .or(expression
            .clone()
            .then_ignore(just(T::Colon))
            .then(expression.clone())
            .map(|(k, v)| DItem::Pair(Some(k), v)))
        .or(star_named_expression.clone().map(DItem::Elt))
        .boxed();
    #[derive(Clone)]
    enum DTail {
        Gen(Vec<Comprehension>),
        Items(Vec<DItem>),
    }
    // First item: parse the key (or element) once, then see whether a `:` follows.
    let first_ditem = just(T::DoubleStar)
        .ignore_then(bitor.clone())
        .map(|v| DItem::Pair(None, v))
        .or(star_named_expression
            .clone()
            .then(just(T::Colon).ignore_then(expression.clone()).or_not())
            .map(|(k, v)| match v {
                Some(v) => DItem::Pair(Some(k), v),
                None => DItem::Elt(k),
            }));
    let dict = just(T::LBrace)
        .ignore_then(
            first_ditem
                .then(
                    generators.clone().map(DTail::Gen).or(just(T::Comma)
                        .ignore_then(dict_item.clone())
                        .repeated()
                        .collect::<Vec<_>>()
                        .then_ignore(just(T::Comma).or_not())
                        .map(DTail::Items)),
                )
                .or_not(),
        )
        .then_ignore(just(T::RBrace))
        .try_map_with(|r, e| {
            let span = sp(e.span());
            let es = e.span();
            let bad = move || ParseError::custom(es, "invalid syntax");
            Ok(match r {
                None => mk(ExprKind::Dict(vec![]), span),
                Some((DItem::Pair(Some(k), v), DTail::Gen(g))) => {
                    mk(ExprKind::DictComp { key: bx(k), value: bx(v), generators: g }, span)
                }
                Some((DItem::Pair(None, _), DTail::Gen(_))) => return Err(bad()),
                Some((DItem::Elt(x), DTail::Gen(g))) => {
                    mk(ExprKind::SetComp { elt: bx(x), generators: g }, span)
                }
                Some((first, DTail::Items(rest))) => {
                    let is_dict = matches!(first, DItem::Pair(..));
                    let mut pairs = Vec::new();
                    let mut elts = Vec::new();
                    for it in std::iter::once(first).chain(rest) {
                        match (it, is_dict) {
                            (DItem::Pair(k, v), true) => pairs.push((k, v)),
                            (DItem::Elt(x), false) => elts.push(x),
                            (DItem::Elt(_), true) => {
                                return Err(ParseError::custom(es, "':' expected after dictionary key"))
                            }
                            _ => return Err(bad()),
                        }
                    }
                    if is_dict {
                        mk(ExprKind::Dict(pairs), span)
                    } else {
                        mk(ExprKind::Set(elts), span)
                    }
                }
            })
        });

    // Parameters, shared by `def` (with annotations) and `lambda` (without).
    let pl_expr = expression.clone();
    let pl_name = name.clone();
    let pl_errs = errs.clone();
    let param_list = move |annotated: bool| {
        let expression = pl_expr.clone();
        let name = pl_name.clone();
        let errs = pl_errs.clone();
        let ann = if annotated {
            just(T::Colon).ignore_then(expression.clone()).or_not().boxed()
        } else {
            empty().to(None).boxed()
        };
        let param = name
            .clone()
            .then(ann)
            .map(|(name, annotation)| Param { name, annotation, default: None })
            .boxed();
        let item = choice((
            just(T::Slash).map_with(|_, e| ParamItem::Slash(sp(e.span()))),
            just(T::DoubleStar).ignore_then(param.clone()).map(ParamItem::DStar),
            just(T::Star)
                .ignore_then(param.clone().or_not())
                .map_with(|p, e| ParamItem::Star(p, sp(e.span()))),
            param
                .clone()
                .then(just(T::Equal).ignore_then(expression.clone()).or_not())
                .map_with(|(mut p, d), e| {
                    p.default = d;
                    ParamItem::P(p, sp(e.span()))
                }),
        ));
        let errs = errs.clone();
        item.separated_by(just(T::Comma))
            .allow_trailing()
            .collect::<Vec<_>>()
            .map(move |items| build_params(items, &errs))
            .boxed()
    };

    let lambda = just(T::Lambda)
        .ignore_then(param_list(false))
        .then_ignore(just(T::Colon))
        .then(expression.clone())
        .map_with(|(p, b), e| {
            mk(ExprKind::Lambda { params: Box::new(p), body: bx(b) }, sp(e.span()))
        })
        .boxed();

    let atom = choice((literal, strings, paren, list, dict)).boxed();

    // ---- primary: calls, subscripts, attributes ----
    let arg = choice((
        just(T::Star)
            .ignore_then(expression.clone())
            .map_with(|v, e| Arg::Pos(mk(ExprKind::Starred(bx(v)), sp(e.span())))),
        just(T::DoubleStar).ignore_then(expression.clone()).map(Arg::DStar),
        name.clone().then_ignore(just(T::Equal)).then(expression.clone()).map(|(n, v)| Arg::Kw(n, v)),
        named_expression.clone().then(generators.clone().or_not()).map_with(|(x, g), e| match g {
            Some(g) => Arg::Pos(mk(ExprKind::GeneratorExp { elt: bx(x), generators: g }, sp(e.span()))),
            None => Arg::Pos(x),
        }),
    ));
    let errs2 = errs.clone();
    let arglist = arg
        .separated_by(just(T::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .map(move |items| split_args(items, &errs2))
        .boxed();

    let slice_part = expression
        .clone()
        .or_not()
        .then(
            just(T::Colon)
                .ignore_then(expression.clone().or_not())
                .then(just(T::Colon).ignore_then(expression.clone().or_not()).or_not())
                .or_not(),
        )
        .try_map_with(|(lower, rest), e| match (lower, rest) {
            (Some(x), None) => Ok(x),
            (None, None) => Err(ParseError::custom(e.span(), "invalid syntax")),
            (lower, Some((upper, step))) => Ok(mk(
                ExprKind::Slice { lower: lower.map(bx), upper: upper.map(bx), step: step.flatten().map(bx) },
                sp(e.span()),
            )),
        });
    let slice_item = starred(bitor.clone().boxed())
        .or(name
            .clone()
            .then_ignore(just(T::ColonEqual))
            .then(expression.clone())
            .map_with(|(t, v), e| mk(ExprKind::NamedExpr { target: t, value: bx(v) }, sp(e.span()))))
        .or(slice_part)
        .boxed();
    let slices = comma_list(slice_item);

    #[derive(Clone)]
    enum Post {
        Attr(Ident),
        Call(Vec<Expr>, Vec<Keyword>),
        Sub(Expr),
    }
    let postfix = choice((
        just(T::Dot).ignore_then(name.clone()).map(Post::Attr),
        just(T::LPar)
            .ignore_then(arglist.clone())
            .then_ignore(just(T::RPar))
            .map(|(a, k)| Post::Call(a, k)),
        just(T::LSqb).ignore_then(slices).then_ignore(just(T::RSqb)).map(Post::Sub),
    ))
    .map_with(|p, e| (p, sp(e.span())));
    let primary = atom
        .foldl(postfix.repeated(), |a, (p, s)| {
            let span = a.span.to(s);
            let kind = match p {
                Post::Attr(attr) => ExprKind::Attribute { value: bx(a), attr },
                Post::Call(args, keywords) => ExprKind::Call { func: bx(a), args, keywords },
                Post::Sub(index) => ExprKind::Subscript { value: bx(a), index: bx(index) },
            };
            mk(kind, span)
        })
        .boxed();

    let await_primary = just(T::Await)
        .map_with(|_, e| sp(e.span()))
        .then(primary.clone())
        .map(|(s, v)| {
            let span = s.to(v.span);
            mk(ExprKind::Await(bx(v)), span)
        })
        .or(primary)
        .boxed();

    // power: await_primary ['**' factor]; factor: ('+'|'-'|'~')* power
    let power = await_primary
        .then(just(T::DoubleStar).ignore_then(factor.clone()).or_not())
        .map(|(l, r)| match r {
            None => l,
            Some(r) => {
                let span = l.span.to(r.span);
                mk(ExprKind::BinOp { left: bx(l), op: BinOp::Pow, right: bx(r) }, span)
            }
        })
        .boxed();
    let unary_op = select! {
        T::Minus => UnaryOp::Neg,
        T::Plus => UnaryOp::Pos,
        T::Tilde => UnaryOp::Invert,
    }
    .map_with(|o, e| (o, sp(e.span())));
    fwd_factor.slot.define(unary_op.repeated().foldr(power, |(op, s), v: Expr| {
        let span = s.to(v.span);
        mk(ExprKind::UnaryOp { op, operand: bx(v) }, span)
    }));

    fn binlevel<'t, I, P, O>(operand: P, ops: O) -> impl Parser<'t, I, Expr, Extra<'t>> + Clone
    where
        I: ValueInput<'t, Token = Tok, Span = SimpleSpan>,
        P: Parser<'t, I, Expr, Extra<'t>> + Clone,
        O: Parser<'t, I, BinOp, Extra<'t>> + Clone,
    {
        operand.clone().foldl(ops.then(operand).repeated(), |l: Expr, (op, r): (BinOp, Expr)| {
            let span = l.span.to(r.span);
            mk(ExprKind::BinOp { left: bx(l), op, right: bx(r) }, span)
        })
    }
    let term = binlevel(
        factor.clone(),
        select! {
            T::Star => BinOp::Mult,
            T::Slash => BinOp::Div,
            T::DoubleSlash => BinOp::FloorDiv,
            T::Percent => BinOp::Mod,
            T::At => BinOp::MatMult,
        },
    )
    .boxed();
    let sum = binlevel(term, select! { T::Plus => BinOp::Add, T::Minus => BinOp::Sub }).boxed();
    let shift =
        binlevel(sum, select! { T::LeftShift => BinOp::LShift, T::RightShift => BinOp::RShift }).boxed();
    let bitand = binlevel(shift, just(T::Amper).to(BinOp::BitAnd)).boxed();
    let bitxor = binlevel(bitand, just(T::Circumflex).to(BinOp::BitXor)).boxed();
    fwd_bitor.slot.define(binlevel(bitxor, just(T::VBar).to(BinOp::BitOr)));

    let cmp_op = choice((
        select! {
            T::EqEqual => CmpOp::Eq,
            T::NotEqual => CmpOp::NotEq,
            T::Less => CmpOp::Lt,
            T::LessEqual => CmpOp::LtE,
            T::Greater => CmpOp::Gt,
            T::GreaterEqual => CmpOp::GtE,
            T::In => CmpOp::In,
        },
        just(T::Not).then(just(T::In)).to(CmpOp::NotIn),
        just(T::Is).then(just(T::Not)).to(CmpOp::IsNot),
        just(T::Is).to(CmpOp::Is),
    ));
    let comparison = bitor
        .clone()
        .then(cmp_op.then(bitor.clone()).repeated().collect::<Vec<_>>())
        .map(|(left, rest)| {
            if rest.is_empty() {
                return left;
            }
            let span = left.span.to(rest.last().unwrap().1.span);
            let (ops, comparators) = rest.into_iter().unzip();
            mk(ExprKind::Compare { left: bx(left), ops, comparators }, span)
        })
        .boxed();
    let inversion = just(T::Not)
        .map_with(|_, e| sp(e.span()))
        .repeated()
        .foldr(comparison, |s, v: Expr| {
            let span = s.to(v.span);
            mk(ExprKind::UnaryOp { op: UnaryOp::Not, operand: bx(v) }, span)
        })
        .boxed();
    let boollevel = |operand: BExpr<'t, I>, tok: Tok, op: BoolOp| {
        operand
            .clone()
            .then(just(tok).ignore_then(operand).repeated().collect::<Vec<_>>())
            .map(move |(first, rest)| {
                if rest.is_empty() {
                    return first;
                }
                let span = first.span.to(rest.last().unwrap().span);
                let mut values = vec![first];
                values.extend(rest);
                mk(ExprKind::BoolOp { op, values }, span)
            })
            .boxed()
    };
    let conjunction = boollevel(inversion, T::And, BoolOp::And);
    fwd_disjunction.slot.define(boollevel(conjunction, T::Or, BoolOp::Or));

    fwd_expression.slot.define(
        lambda.or(disjunction
            .clone()
            .then(
                just(T::If)
                    .ignore_then(disjunction.clone())
                    .then_ignore(just(T::Else))
                    .then(expression.clone())
                    .or_not(),
            )
            .map(|(body, rest)| match rest {
                None => body,
                Some((test, orelse)) => {
                    let span = body.span.to(orelse.span);
                    mk(ExprKind::IfExp { test: bx(test), body: bx(body), orelse: bx(orelse) }, span)
                }
            })),
    );

    let fexpr = yield_expr
        .clone()
        .or(star_expressions.clone())
        .then_ignore(just(T::EndMarker))
        .boxed();

    // ---- statements ----
    let rhs = yield_expr.clone().or(star_expressions.clone()).boxed();

    let augop = select! {
        T::PlusEqual => BinOp::Add,
        T::MinEqual => BinOp::Sub,
        T::StarEqual => BinOp::Mult,
        T::AtEqual => BinOp::MatMult,
        T::SlashEqual => BinOp::Div,
        T::PercentEqual => BinOp::Mod,
        T::AmperEqual => BinOp::BitAnd,
        T::VBarEqual => BinOp::BitOr,
        T::CircumflexEqual => BinOp::BitXor,
        T::LeftShiftEqual => BinOp::LShift,
        T::RightShiftEqual => BinOp::RShift,
        T::DoubleStarEqual => BinOp::Pow,
        T::DoubleSlashEqual => BinOp::FloorDiv,
    };
    #[derive(Clone)]
    enum ATail {
        Ann(Expr, Option<Expr>),
        Aug(BinOp, Expr),
        Assign(Vec<Expr>),
    }
    let expr_stmt = just(T::LPar)
        .rewind()
        .or_not()
        .then(rhs.clone())
        .then(
            choice((
                just(T::Colon)
                    .ignore_then(expression.clone())
                    .then(just(T::Equal).ignore_then(rhs.clone()).or_not())
                    .map(|(a, v)| ATail::Ann(a, v)),
                augop.then(rhs.clone()).map(|(o, v)| ATail::Aug(o, v)),
                just(T::Equal)
                    .ignore_then(rhs.clone())
                    .repeated()
                    .at_least(1)
                    .collect::<Vec<_>>()
                    .map(ATail::Assign),
            ))
            .or_not(),
        )
        .map(|((paren, first), tail)| match tail {
            None => StmtKind::Expr(first),
            Some(ATail::Ann(annotation, value)) => {
                let simple = paren.is_none() && matches!(first.kind, ExprKind::Name(_));
                StmtKind::AnnAssign { target: first, annotation, value, simple }
            }
            Some(ATail::Aug(op, value)) => StmtKind::AugAssign { target: first, op, value },
            Some(ATail::Assign(mut rest)) => {
                let value = rest.pop().unwrap();
                let mut targets = vec![first];
                targets.extend(rest);
                StmtKind::Assign { targets, value }
            }
        });

    let dotted_name = name
        .clone()
        .separated_by(just(T::Dot))
        .at_least(1)
        .collect::<Vec<_>>()
        .map(|v| v.into_iter().map(|i| i.name).collect::<Vec<_>>().join("."));
    let as_name = just(T::As).ignore_then(name.clone()).or_not();
    let import = just(T::Import).ignore_then(
        dotted_name
            .clone()
            .then(as_name.clone())
            .map_with(|(name, asname), e| Alias { name, asname, span: sp(e.span()) })
            .separated_by(just(T::Comma))
            .at_least(1)
            .collect::<Vec<_>>()
            .map(StmtKind::Import),
    );
    let import_as_names = name
        .clone()
        .then(as_name.clone())
        .map_with(|(n, asname), e| Alias { name: n.name, asname, span: sp(e.span()) })
        .separated_by(just(T::Comma))
        .at_least(1)
        .collect::<Vec<_>>();
    let from_import = just(T::From)
        .ignore_then(
            select! { T::Dot => 1u32, T::Ellipsis => 3u32 }
                .repeated()
                .collect::<Vec<_>>()
                .map(|v| v.iter().sum::<u32>()),
        )
        .then(dotted_name.clone().or_not())
        .then_ignore(just(T::Import))
        .then(choice((
            just(T::Star).to(None),
            import_as_names
                .clone()
                .then_ignore(just(T::Comma).or_not())
                .delimited_by(just(T::LPar), just(T::RPar))
                .map(Some),
            import_as_names.clone().map(Some),
        )))
        .try_map_with(|((level, module), names), e| {
            if level == 0 && module.is_none() {
                return Err(ParseError::custom(e.span(), "invalid syntax"));
            }
            Ok(match names {
                None => StmtKind::ImportFrom { module, names: vec![], level, star: true },
                Some(names) => StmtKind::ImportFrom { module, names, level, star: false },
            })
        });

    let name_list = name.clone().separated_by(just(T::Comma)).at_least(1).collect::<Vec<_>>();
    let simple_stmt = choice((
        just(T::Pass).to(StmtKind::Pass),
        just(T::Break).to(StmtKind::Break),
        just(T::Continue).to(StmtKind::Continue),
        just(T::Return).ignore_then(star_expressions.clone().or_not()).map(StmtKind::Return),
        just(T::Raise)
            .ignore_then(
                expression
                    .clone()
                    .then(just(T::From).ignore_then(expression.clone()).or_not())
                    .or_not(),
            )
            .map(|r| match r {
                None => StmtKind::Raise { exc: None, cause: None },
                Some((exc, cause)) => StmtKind::Raise { exc: Some(exc), cause },
            }),
        just(T::Global).ignore_then(name_list.clone()).map(StmtKind::Global),
        just(T::Nonlocal).ignore_then(name_list.clone()).map(StmtKind::Nonlocal),
        just(T::Del)
            .ignore_then(
                star_target
                    .clone()
                    .separated_by(just(T::Comma))
                    .at_least(1)
                    .allow_trailing()
                    .collect::<Vec<_>>(),
            )
            .map(StmtKind::Delete),
        just(T::Assert)
            .ignore_then(expression.clone())
            .then(just(T::Comma).ignore_then(expression.clone()).or_not())
            .map(|(test, msg)| StmtKind::Assert { test, msg }),
        import,
        from_import,
        expr_stmt,
    ))
    .map_with(|k, e| st(k, sp(e.span())))
    .boxed();
    let simple_stmts = simple_stmt
        .separated_by(just(T::Semi))
        .at_least(1)
        .allow_trailing()
        .collect::<Vec<_>>()
        .then_ignore(just(T::Newline))
        .boxed();

    let block = just(T::Newline)
        .ignore_then(just(T::Indent))
        .ignore_then(stmt.clone().repeated().at_least(1).collect::<Vec<Vec<Stmt>>>())
        .then_ignore(just(T::Dedent))
        .map(|v| v.into_iter().flatten().collect::<Vec<_>>())
        .or(simple_stmts.clone())
        .boxed();
    let kw_span = |t: Tok| just(t).map_with(|_, e| sp(e.span()));
    let else_block = just(T::Else).ignore_then(just(T::Colon)).ignore_then(block.clone()).or_not();

    let if_stmt = kw_span(T::If)
        .then(named_expression.clone())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .then(
            kw_span(T::Elif)
                .then(named_expression.clone())
                .then_ignore(just(T::Colon))
                .then(block.clone())
                .repeated()
                .collect::<Vec<_>>(),
        )
        .then(else_block.clone())
        .map(|((((s, test), body), elifs), orelse)| {
            let mut orelse = orelse.unwrap_or_default();
            let mut end = if orelse.is_empty() { 0 } else { body_end(&orelse) };
            for ((es, etest), ebody) in elifs.into_iter().rev() {
                if end == 0 {
                    end = body_end(&ebody);
                }
                let span = Span { start: es.start, end };
                orelse = vec![st(StmtKind::If { test: etest, body: ebody, orelse }, span)];
            }
            if end == 0 {
                end = body_end(&body);
            }
            st(StmtKind::If { test, body, orelse }, Span { start: s.start, end })
        });

    let end_of = |body: &Vec<Stmt>, orelse: &Vec<Stmt>| {
        if orelse.is_empty() {
            body_end(body)
        } else {
            body_end(orelse)
        }
    };
    let while_stmt = kw_span(T::While)
        .then(named_expression.clone())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .then(else_block.clone())
        .map(move |(((s, test), body), orelse)| {
            let orelse = orelse.unwrap_or_default();
            let end = end_of(&body, &orelse);
            st(StmtKind::While { test, body, orelse }, Span { start: s.start, end })
        });

    let for_stmt = kw_span(T::Async)
        .or_not()
        .then(kw_span(T::For))
        .then(target_list.clone())
        .then_ignore(just(T::In))
        .then(star_expressions.clone())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .then(else_block.clone())
        .map(move |(((((a, f), target), iter), body), orelse)| {
            let orelse = orelse.unwrap_or_default();
            let end = end_of(&body, &orelse);
            let start = a.unwrap_or(f).start;
            st(
                StmtKind::For { target, iter, body, orelse, is_async: a.is_some() },
                Span { start, end },
            )
        });

    let with_item = expression
        .clone()
        .then(just(T::As).ignore_then(star_target.clone()).or_not())
        .map(|(context, target)| WithItem { context, target });
    let with_items = with_item.separated_by(just(T::Comma)).at_least(1).collect::<Vec<_>>();
    let with_stmt = kw_span(T::Async)
        .or_not()
        .then(kw_span(T::With))
        .then(
            with_items
                .clone()
                .then_ignore(just(T::Comma).or_not())
                .delimited_by(just(T::LPar), just(T::RPar))
                .then_ignore(just(T::Colon).rewind())
                .or(with_items.clone()),
        )
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .map(|(((a, w), items), body)| {
            let start = a.unwrap_or(w).start;
            let end = body_end(&body);
            st(StmtKind::With { items, body, is_async: a.is_some() }, Span { start, end })
        });

    let handler = kw_span(T::Except)
        .then(expression.clone().then(just(T::As).ignore_then(name.clone()).or_not()).or_not())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .map(|((s, te), body)| {
            let (typ, name) = match te {
                None => (None, None),
                Some((t, n)) => (Some(t), n),
            };
            let span = Span { start: s.start, end: body_end(&body) };
            ExceptHandler { typ, name, body, span }
        });
    let finally = just(T::Finally).ignore_then(just(T::Colon)).ignore_then(block.clone());
    let try_stmt = kw_span(T::Try)
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .then(choice((
            handler
                .repeated()
                .at_least(1)
                .collect::<Vec<_>>()
                .then(else_block.clone())
                .then(finally.clone().or_not())
                .map(|((h, e), f)| (h, e.unwrap_or_default(), f.unwrap_or_default())),
            finally.clone().map(|f| (vec![], vec![], f)),
        )))
        .map(|((s, body), (handlers, orelse, finalbody))| {
            let end = if !finalbody.is_empty() {
                body_end(&finalbody)
            } else if !orelse.is_empty() {
                body_end(&orelse)
            } else {
                handlers.last().map(|h| h.span.end).unwrap_or(body_end(&body))
            };
            st(StmtKind::Try { body, handlers, orelse, finalbody }, Span { start: s.start, end })
        });

    let decorators = kw_span(T::At)
        .then(named_expression.clone())
        .then_ignore(just(T::Newline))
        .repeated()
        .collect::<Vec<_>>();
    let funcdef = kw_span(T::Async)
        .or_not()
        .then(kw_span(T::Def))
        .then(name.clone())
        .then(param_list(true).delimited_by(just(T::LPar), just(T::RPar)))
        .then(just(T::RArrow).ignore_then(expression.clone()).or_not())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .map(|(((((a, d), name), params), returns), body)| {
            let start = a.unwrap_or(d).start;
            (
                start,
                body_end(&body),
                Def::F(Box::new(FunctionDef {
                    name,
                    params,
                    body,
                    decorators: vec![],
                    returns,
                    is_async: a.is_some(),
                })),
            )
        });
    let errs3 = errs.clone();
    let classdef = kw_span(T::Class)
        .then(name.clone())
        .then(arglist.clone().delimited_by(just(T::LPar), just(T::RPar)).or_not())
        .then_ignore(just(T::Colon))
        .then(block.clone())
        .map(move |(((c, name), args), body)| {
            let (bases, keywords) = args.unwrap_or_default();
            for b in &bases {
                if let ExprKind::GeneratorExp { elt, .. } = &b.kind {
                    if elt.span.start == b.span.start {
                        errs3.borrow_mut().push(SyntaxError::new("invalid syntax", b.span));
                    }
                }
            }
            (
                c.start,
                body_end(&body),
                Def::C(Box::new(ClassDef { name, bases, keywords, body, decorators: vec![] })),
            )
        });
    #[derive(Clone)]
    enum Def {
        F(Box<FunctionDef>),
        C(Box<ClassDef>),
    }
    let definition = decorators.then(funcdef.or(classdef)).map(|(decs, (start, end, d))| {
        let start = decs.first().map(|(s, _)| s.start).unwrap_or(start);
        let decorators: Vec<Expr> = decs.into_iter().map(|(_, e)| e).collect();
        let kind = match d {
            Def::F(mut f) => {
                f.decorators = decorators;
                StmtKind::FunctionDef(f)
            }
            Def::C(mut c) => {
                c.decorators = decorators;
                StmtKind::ClassDef(c)
            }
        };
        st(kind, Span { start, end })
    });

    let compound = choice((
        if_stmt.boxed(),
        while_stmt.boxed(),
        for_stmt.boxed(),
        with_stmt.boxed(),
        try_stmt.boxed(),
        definition.boxed(),
    ))
    .map(|s| vec![s])
    .boxed();
    fwd_stmt.slot.define(compound.or(simple_stmts));

    let module = stmt
        .repeated()
        .collect::<Vec<Vec<Stmt>>>()
        .then_ignore(just(T::EndMarker))
        .map(|v| v.into_iter().flatten().collect::<Vec<_>>())
        .boxed();

    // The only owning handles: the finished parsers keep the graph alive, and dropping them
    // frees it (nothing in the graph owns a forward-declared parser).
    let owners = Rc::new((
        fwd_expression.owner,
        fwd_disjunction.owner,
        fwd_bitor.owner,
        fwd_factor.owner,
        fwd_stmt.owner,
    ));
    Parsers { module: keep_alive(module, owners.clone()), fexpr: keep_alive(fexpr, owners) }
}
