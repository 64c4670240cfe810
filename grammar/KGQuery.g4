// kg's query language: a subset of openCypher 9 (see docs/query.md). Keywords are
// case-insensitive; whitespace and comments are skipped by the lexer.
grammar KGQuery;

statement : ( EXPLAIN | PROFILE )? query ';'? EOF ;

query : singleQuery ( UNION ALL? singleQuery )* ;

singleQuery : clause+ ;

clause
  : matchClause
  | unwindClause
  | withClause
  | returnClause
  | createClause
  | setClause
  | removeClause
  | deleteClause
  | callClause
  ;

matchClause : OPTIONAL? MATCH pattern where? ;

unwindClause : UNWIND expression AS variable ;

createClause : CREATE pattern ;

setClause : SET setItem ( ',' setItem )* ;

setItem
  : propertyExpression '=' expression
  | variable '=' expression
  | variable '+=' expression
  | variable nodeLabels
  ;

removeClause : REMOVE removeItem ( ',' removeItem )* ;

removeItem
  : variable nodeLabels
  | propertyExpression
  ;

deleteClause : DETACH? DELETE expression ( ',' expression )* ;

// CALL kg.pagerank() YIELD node, score WHERE score > 0.1
callClause
  : CALL procedureName '(' ( expression ( ',' expression )* )? ')'
    ( YIELD yieldItem ( ',' yieldItem )* where? )?
  ;

procedureName : symbolicName ( '.' symbolicName )* ;

// A procedure's output column may be a reserved word (kg.degree's `in`).
yieldItem : field=schemaName ( AS variable )? ;

withClause : WITH projectionBody where? ;

returnClause : RETURN projectionBody ;

projectionBody : DISTINCT? projectionItems order? skip? limit? ;

projectionItems
  : '*' ( ',' projectionItem )*
  | projectionItem ( ',' projectionItem )*
  ;

projectionItem : expression ( AS variable )? ;

order : ORDER BY sortItem ( ',' sortItem )* ;

skip : SKIP_ expression ;

limit : LIMIT expression ;

sortItem : expression ( ASCENDING | ASC | DESCENDING | DESC )? ;

where : WHERE expression ;

pattern : patternPart ( ',' patternPart )* ;

patternPart : ( variable '=' )? patternElement ;

patternElement
  : nodePattern patternElementChain*
  | '(' patternElement ')'
  | shortestPathPattern
  ;

shortestPathPattern : ( SHORTESTPATH | ALLSHORTESTPATHS ) '(' patternElement ')' ;

nodePattern : '(' variable? nodeLabels? properties? ')' ;

patternElementChain : relationshipPattern nodePattern ;

relationshipPattern : leftArrow='<'? '-' relationshipDetail? '-' rightArrow='>'? ;

relationshipDetail : '[' variable? relationshipTypes? rangeLiteral? properties? ']' ;

properties : mapLiteral | parameter ;

relationshipTypes : ':' schemaName ( '|' ':'? schemaName )* ;

nodeLabels : nodeLabel+ ;

nodeLabel : ':' schemaName ;

rangeLiteral : '*' lower=integerLiteral? ( dots='..' upper=integerLiteral? )? ;

propertyExpression : atom propertyLookup+ ;

expression : orExpression ;

orExpression : xorExpression ( OR xorExpression )* ;

xorExpression : andExpression ( XOR andExpression )* ;

andExpression : notExpression ( AND notExpression )* ;

notExpression : NOT* comparisonExpression ;

comparisonExpression : predicateExpression ( partialComparison )* ;

partialComparison : comparisonOperator predicateExpression ;

comparisonOperator : '=' | '<>' | '<' | '>' | '<=' | '>=' ;

predicateExpression : addOrSubtractExpression ( predicateSuffix )* ;

predicateSuffix
  : STARTS WITH addOrSubtractExpression      # startsWith
  | ENDS WITH addOrSubtractExpression        # endsWith
  | CONTAINS addOrSubtractExpression         # contains
  | '=~' addOrSubtractExpression             # regexMatch
  | IN addOrSubtractExpression               # inList
  | IS NULL_                                 # isNull
  | IS NOT NULL_                             # isNotNull
  ;

addOrSubtractExpression
  : multiplyDivideModuloExpression ( addOrSubtractOperator multiplyDivideModuloExpression )* ;

addOrSubtractOperator : '+' | '-' ;

multiplyDivideModuloExpression
  : powerOfExpression ( multiplyOperator powerOfExpression )* ;

multiplyOperator : '*' | '/' | '%' ;

powerOfExpression : unaryExpression ( '^' unaryExpression )* ;

unaryExpression
  : postfixExpression
  | ( '+' | '-' ) unaryExpression
  ;

postfixExpression : atom ( postfixOperator )* nodeLabels? ;

postfixOperator
  : '[' expression ']'                                  # listIndex
  | '[' from=expression? '..' to=expression? ']'        # listSlice
  | propertyLookup                                      # propertyOperator
  ;

propertyLookup : '.' schemaName ;

atom
  : literal
  | parameter
  | caseExpression
  | COUNT '(' '*' ')'
  | listComprehension
  | quantifier
  | patternPredicate
  | '(' expression ')'
  | functionInvocation
  | shortestPathPattern
  | variable
  ;

literal
  : numberLiteral
  | StringLiteral
  | TRUE
  | FALSE
  | NULL_
  | mapLiteral
  | listLiteral
  ;

numberLiteral : DoubleLiteral | integerLiteral ;

integerLiteral : HexInteger | OctalInteger | DecimalInteger ;

listLiteral : '[' ( expression ( ',' expression )* )? ']' ;

mapLiteral : '{' ( mapEntry ( ',' mapEntry )* )? '}' ;

mapEntry : schemaName ':' expression ;

parameter : '$' ( symbolicName | DecimalInteger ) ;

caseExpression
  : CASE subject=expression? caseAlternative+ ( ELSE elseExpr=expression )? END ;

caseAlternative : WHEN expression THEN expression ;

listComprehension
  : '[' variable IN expression ( WHERE where_=expression )? ( '|' projection=expression )? ']' ;

quantifier
  : ( ALL | ANY | NONE | SINGLE ) '(' variable IN expression ( WHERE expression )? ')' ;

patternPredicate : nodePattern patternElementChain+ ;

functionInvocation
  : functionName '(' DISTINCT? ( expression ( ',' expression )* )? ')' ;

functionName : symbolicName ( '.' symbolicName )* | EXISTS ;

variable : symbolicName ;

symbolicName
  : UnescapedSymbolicName
  | EscapedSymbolicName
  | COUNT | ANY | NONE | SINGLE | ALL | EXPLAIN | PROFILE | ASC | DESC | ASCENDING
  | DESCENDING | BY | SHORTESTPATH | ALLSHORTESTPATHS | CALL | YIELD
  ;

// Labels, relationship types and property keys may also be reserved words.
schemaName : symbolicName | reservedWord ;

reservedWord
  : MATCH | OPTIONAL | WHERE | WITH | RETURN | DISTINCT | ORDER | SKIP_ | LIMIT | UNWIND
  | AS | CREATE | DELETE | DETACH | SET | REMOVE | UNION | OR | XOR | AND | NOT | IN
  | STARTS | ENDS | CONTAINS | IS | NULL_ | TRUE | FALSE | CASE | WHEN | THEN | ELSE | END
  | EXISTS
  ;

EXPLAIN : E X P L A I N ;
PROFILE : P R O F I L E ;
UNION : U N I O N ;
ALL : A L L ;
OPTIONAL : O P T I O N A L ;
MATCH : M A T C H ;
UNWIND : U N W I N D ;
AS : A S ;
CREATE : C R E A T E ;
SET : S E T ;
REMOVE : R E M O V E ;
DETACH : D E T A C H ;
DELETE : D E L E T E ;
WITH : W I T H ;
RETURN : R E T U R N ;
DISTINCT : D I S T I N C T ;
ORDER : O R D E R ;
BY : B Y ;
SKIP_ : S K I P ;
LIMIT : L I M I T ;
ASCENDING : A S C E N D I N G ;
ASC : A S C ;
DESCENDING : D E S C E N D I N G ;
DESC : D E S C ;
WHERE : W H E R E ;
OR : O R ;
XOR : X O R ;
AND : A N D ;
NOT : N O T ;
STARTS : S T A R T S ;
ENDS : E N D S ;
CONTAINS : C O N T A I N S ;
IN : I N ;
IS : I S ;
NULL_ : N U L L ;
TRUE : T R U E ;
FALSE : F A L S E ;
COUNT : C O U N T ;
CASE : C A S E ;
WHEN : W H E N ;
THEN : T H E N ;
ELSE : E L S E ;
END : E N D ;
ANY : A N Y ;
NONE : N O N E ;
SINGLE : S I N G L E ;
EXISTS : E X I S T S ;
SHORTESTPATH : S H O R T E S T P A T H ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;
CALL : C A L L ;
YIELD : Y I E L D ;

HexInteger : '0' [xX] [0-9a-fA-F]+ ;
OctalInteger : '0' [oO] [0-7]+ ;
DecimalInteger : [0-9]+ ;

DoubleLiteral
  : [0-9]+ '.' [0-9]+ Exponent?
  | '.' [0-9]+ Exponent?
  | [0-9]+ Exponent
  ;

fragment Exponent : [eE] [+-]? [0-9]+ ;

StringLiteral
  : '"' ( ~["\\] | '\\' . )* '"'
  | '\'' ( ~['\\] | '\\' . )* '\''
  ;

UnescapedSymbolicName : IdentifierStart ( IdentifierStart | [0-9] )* ;

// Letters of most scripts; not Latin-1 punctuation, general punctuation (dashes, quotes),
// arrows, mathematical or other symbols, which stay offending characters.
fragment IdentifierStart
  : [a-zA-Z_\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u3040-\uD7FF]
  | [\uF900-\uFDCF\uFDF0-\uFE1F\uFE70-\uFEFE\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC]
  ;

EscapedSymbolicName : ( '`' ~'`'* '`' )+ ;

WHITESPACE : [ \t\r\n\u000B\u000C\u00A0\u2000-\u200A\u2028\u2029\u3000]+ -> skip ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;

BLOCK_COMMENT : '/*' .*? '*/' -> skip ;

// Any other character: the parser reports it as the offending token.
UNKNOWN_CHAR : . ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
