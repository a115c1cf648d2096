"""An agreement's documents: letters of intent, oficios, signed convenios, cabildo acts…"""
